import { ONLINE_LENDING, type JurisdictionRecord, type PartyInput, type StatisticQualifier } from '../../libs/domain/src/index.js';

/** The corpus's raw material: a seedable PRNG, synthetic names, authorities, metrics and fuzzy dates. */
/** mulberry32: a small, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** picks by weight: [[value, weight], ...] */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------
// Reference pools

export const PINYIN = [
  'an', 'bao', 'bei', 'cai', 'chang', 'cheng', 'da', 'dao', 'de', 'ding', 'dong', 'fa', 'feng', 'fu', 'gao', 'guang',
  'hai', 'hang', 'he', 'heng', 'hong', 'hua', 'hui', 'jia', 'jin', 'jing', 'kai', 'lian', 'long', 'mei', 'ming', 'nuo',
  'ping', 'qian', 'rong', 'rui', 'sheng', 'tai', 'tong', 'wei',
];
export const HANZI = [
  '安', '宝', '贝', '财', '昌', '诚', '达', '道', '德', '鼎', '东', '发', '丰', '富', '高', '广',
  '海', '航', '合', '恒', '鸿', '华', '汇', '佳', '金', '京', '凯', '联', '隆', '美', '明', '诺',
  '平', '钱', '融', '瑞', '盛', '泰', '通', '微',
];
export const SUFFIXES: readonly (readonly [en: string, zh: string, site: string])[] = [
  ['Dai', '贷', 'dai'],
  ['Finance', '金融', 'jr'],
  ['Wealth', '财富', 'cf'],
  ['P2P', '网贷', 'p2p'],
  ['Lending Network', '借贷网', 'jd'],
  ['Credit', '信贷', 'xd'],
  ['Micro-loan', '小贷', 'xiaodai'],
  ['Capital', '资本', 'zb'],
];
export const NAME_SPACE = PINYIN.length ** 3 * SUFFIXES.length; // 512,000 distinct names
export const NAME_STRIDE = 104_729; // prime, coprime with NAME_SPACE: index -> name is a bijection that looks random

export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The i-th institution of the pool: a unique synthetic name, its Chinese name and web alias. */
export function institutionAt(index: number): PartyInput & { aliases: string[] } {
  let k = (index * NAME_STRIDE) % NAME_SPACE;
  const suffix = SUFFIXES[k % SUFFIXES.length]!;
  k = Math.floor(k / SUFFIXES.length);
  const a = k % PINYIN.length;
  const b = Math.floor(k / PINYIN.length) % PINYIN.length;
  const c = Math.floor(k / PINYIN.length ** 2);
  const stem = `${capital(PINYIN[c]!)}${PINYIN[b]}${PINYIN[a]}`;
  return {
    name: `${stem} ${suffix[0]}`,
    aliases: [`${HANZI[c]}${HANZI[b]}${HANZI[a]}${suffix[1]}`, `${stem.toLowerCase()}${suffix[2]}.com`],
  };
}

export const BANK_KINDS: readonly (readonly [string, string])[] = [
  ['Bank', '银行'],
  ['Rural Commercial Bank', '农村商业银行'],
  ['City Commercial Bank', '城市商业银行'],
  ['Village Bank', '村镇银行'],
];

export const zhBase = (j: JurisdictionRecord): string => j.nameZh.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');

export const AUTHORITIES_NATIONAL: readonly (readonly [string, string])[] = [
  ['China Banking and Insurance Regulatory Commission', 'CBIRC'],
  ["People's Bank of China", 'PBOC'],
  ['Office of the Leading Group for the Special Rectification of P2P Online Lending Risks', 'P2P Rectification Office'],
  ['Ministry of Public Security', 'MPS'],
  ['National Financial Regulatory Administration', 'NFRA'],
];

export const BUSINESS_LINES: readonly (readonly [string, number])[] = [
  [ONLINE_LENDING, 70],
  ['microcredit', 8],
  ['crowdfunding', 6],
  ['internet-insurance', 4],
  ['virtual-currency-trading', 5],
  ['internet-asset-management', 7],
];

export const METRICS: readonly (readonly [metric: string, unit: string, max: number])[] = [
  ['operating-institutions', 'institutions', 5_000],
  ['outstanding-loans', 'CNY 100 million', 12_000],
  ['lenders', 'persons', 4_000_000],
  ['borrowers', 'persons', 20_000_000],
  ['institutions-exited', 'institutions', 3_000],
  ['outstanding-balance-change', 'percent', 100],
];
export const QUALIFIERS: readonly (readonly [StatisticQualifier | undefined, number])[] = [
  [undefined, 40], ['exact', 10], ['approximately', 20], ['nearly', 10], ['at-least', 8], ['more-than', 8], ['at-most', 4],
];

export const FORBIDDEN_WORDS: readonly string[] = ['交易所', '交易中心', '理财', '财富管理', '银行', '基金', '金融', 'exchange', 'wealth management', 'bank'];

// ---------------------------------------------------------------------------------------------
// Dates: day numbers since 1970-01-01 (UTC), formatted by hand (fast, no zone involved)

export const DAY_MS = 86_400_000;
export const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const FIRST_DAY = dayOf('2011-01-01');
export const LAST_DAY = dayOf('2025-12-31');
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const clampDay = (day: number): number => Math.min(LAST_DAY, Math.max(FIRST_DAY, day));

/** 'window': a long window ending on the day ("since 2019, by 2020-06-30"): every written date has a lower bound */
export type Precision = 'day' | 'month' | 'year' | 'window' | 'between';
export const PRECISIONS: readonly (readonly [Precision, number])[] = [
  ['day', 60], ['month', 15], ['year', 7], ['window', 9], ['between', 9],
];

export function fuzzyText(rng: Rng, day: number, precision: Precision): string {
  const iso = isoOf(day);
  switch (precision) {
    case 'day':
      return iso;
    case 'month':
      return iso.slice(0, 7);
    case 'year':
      return iso.slice(0, 4);
    case 'window':
      return `${isoOf(clampDay(day - rng.int(30, 720)))}/${rng.weighted([[iso, 6], [iso.slice(0, 7), 3], [iso.slice(0, 4), 1]])}`;
    case 'between': {
      const end = isoOf(day + rng.int(1, 60));
      return rng.chance(0.7) ? `${iso}/${end}` : `${iso.slice(0, 7)}/${end.slice(0, 7)}`;
    }
  }
}
