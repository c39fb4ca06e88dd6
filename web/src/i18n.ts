import type { Jurisdiction } from './api.js';
import { en, type Labels } from './labels-en.js';
import { zh } from './labels-zh.js';

export type Lang = 'en' | 'zh';
export type { Labels };

export const LABELS: Record<Lang, Labels> = { en, zh };

export const nameOf = (jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string =>
  !jurisdiction ? code : lang === 'zh' ? jurisdiction.nameZh : jurisdiction.name;

/** Short English names that fit a tile and cannot be mixed up (Hebei, Henan, Hunan, Hubei, Hainan in full). */
const SHORT_EN: Readonly<Record<string, string>> = Object.fromEntries(Object.entries({
  'CN-HL': 'Hei-long-jiang', 'CN-NM': 'Inner Mon-golia', 'CN-XJ': 'Xin-jiang', 'CN-NX': 'Ning-xia', 'CN-XZ': 'Tibet',
  'CN-GX': 'Guang-xi', 'CN-HK': 'Hong Kong', 'CN-MO': 'Macao', 'CN-TW': 'Tai-wan', 'CN-GD': 'Guang-dong',
  'CN-ZJ': 'Zhe-jiang', 'CN-SD': 'Shan-dong', 'CN-SH': 'Shang-hai', 'CN-CQ': 'Chong-qing', 'CN-LN': 'Liao-ning',
  'CN-BJ': 'Bei-jing', 'CN-TJ': 'Tian-jin', 'CN-QH': 'Qing-hai', 'CN-SC': 'Si-chuan', 'CN-GZ': 'Gui-zhou',
  'CN-YN': 'Yun-nan', 'CN-JS': 'Jiang-su', 'CN-JX': 'Jiang-xi', 'CN-FJ': 'Fu-jian', 'CN-SN': 'Shaan-xi',
  'CN-SX': 'Shan-xi', 'CN-HI': 'Hai-nan', 'CN-AH': 'An-hui', 'CN-GS': 'Gan-su',
}).map(([code, name]) => [code, name.replace(/-/g, '\u00AD')])); // soft hyphens: a narrow tile breaks only between syllables

/** The name on a tile: the name in English (long ones may break at a soft hyphen), the short name in Chinese (宁夏, 内蒙古). */
export function tileLabelOf(jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string {
  if (!jurisdiction) return code.replace(/^CN-/, '');
  if (lang === 'en') return SHORT_EN[code] ?? jurisdiction.name;
  return jurisdiction.nameZh.replace(/(维吾尔|壮族|回族)?(自治区|特别行政区|省|市)$/, '');
}
