import type { Jurisdiction } from './api.js';
import { en, type Labels } from './labels-en.js';
import { zh } from './labels-zh.js';

export type Lang = 'en' | 'zh';
export type { Labels };

export const LABELS: Record<Lang, Labels> = { en, zh };

export const nameOf = (jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string =>
  !jurisdiction ? code : lang === 'zh' ? jurisdiction.nameZh : jurisdiction.name;

/** Short English names that fit a tile and cannot be mixed up (Hebei, Henan, Hunan, Hubei, Hainan in full). */
const SHORT_EN: Readonly<Record<string, string>> = {
  'CN-HL': 'Heilong\u00ADjiang', 'CN-NM': 'Inner Mongolia', 'CN-XJ': 'Xinjiang', 'CN-NX': 'Ningxia', 'CN-XZ': 'Tibet',
  'CN-GX': 'Guangxi', 'CN-HK': 'Hong Kong', 'CN-MO': 'Macao', 'CN-TW': 'Taiwan', 'CN-GD': 'Guang\u00ADdong',
  'CN-ZJ': 'Zhe\u00ADjiang', 'CN-SD': 'Shan\u00ADdong', 'CN-SH': 'Shang\u00ADhai', 'CN-CQ': 'Chong\u00ADqing', 'CN-LN': 'Liao\u00ADning',
};

/** The name on a tile: the name in English (long ones may break at a soft hyphen), the short name in Chinese (宁夏, 内蒙古). */
export function tileLabelOf(jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string {
  if (!jurisdiction) return code.replace(/^CN-/, '');
  if (lang === 'en') return SHORT_EN[code] ?? jurisdiction.name;
  return jurisdiction.nameZh.replace(/(维吾尔|壮族|回族)?(自治区|特别行政区|省|市)$/, '');
}
