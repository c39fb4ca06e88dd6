import { JURISDICTIONS, type DivisionKind, type JurisdictionLevel, type JurisdictionRecord } from './reference-data.js';

/** Chinese names are matched with or without their administrative suffix (湖北省 = 湖北, 喀什地区 = 喀什). */
const ZH_SUFFIX = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|盟)$/;

/**
 * The words that make a division's full name, in English and in Pinyin: Hubei Province, Hubei
 * Sheng, Beijing Municipality, Guangzhou City, Tibet Autonomous Region, Hong Kong SAR.
 * Autonomous prefectures' names are already full (Yanbian Korean Autonomous Prefecture).
 */
const FULL_NAME_WORDS: Readonly<Record<DivisionKind, readonly string[]>> = {
  country: [],
  province: ['Province', 'Sheng'],
  municipality: ['Municipality', 'City', 'Shi'],
  'autonomous-region': ['Autonomous Region', 'Zizhiqu'],
  'special-administrative-region': ['Special Administrative Region', 'SAR'],
  'prefecture-level-city': ['City', 'Shi'],
  'sub-provincial-city': ['City', 'Shi'],
  prefecture: ['Prefecture', 'Diqu'],
  'autonomous-prefecture': [],
  league: ['League', 'Meng'],
};

/** " Province" at the end of "Hubei Province": a name's full-name words, to find its bare name. */
const TRAILING = Object.fromEntries(Object.entries(FULL_NAME_WORDS).map(([kind, words]) =>
  [kind, new RegExp(` (${words.join('|')})$`, 'i')])) as Readonly<Record<DivisionKind, RegExp>>;

const LEVELS: readonly JurisdictionLevel[] = ['country', 'province', 'city'];
const LATIN = /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u;

/**
 * The form a name is matched in: case, spaces, hyphens, apostrophes and dots do not count
 * (Xi'an = xian, Nei Menggu = neimenggu = nei-menggu), and Pinyin's ü is u (Lüliang = Luliang).
 */
export const nameKey = (name: string): string =>
  name.normalize('NFC').toLowerCase().replace(/ü/g, 'u').replace(/[\s\-‐‑–—_'‘’ʼ`.]/g, '');

/** Its code, GB/T code, names and aliases: each one record's only. */
const ownKeys = (record: JurisdictionRecord): string[] =>
  [record.code, record.gbCode ?? '', record.name, record.nameZh, ...record.aliases];

/**
 * The forms made from its names: the Chinese name without its suffix (湖北), the English and
 * Pinyin names without (Kashgar, Taizhou) and with the words of a full name (Hubei Province,
 * Guangzhou City, Nei Menggu Autonomous Region). A form two places make is neither's.
 */
function madeKeys(record: JurisdictionRecord): string[] {
  const words = FULL_NAME_WORDS[record.kind] ?? [];
  const keys = [record.nameZh.replace(ZH_SUFFIX, '')];
  const latin = [record.name, ...record.aliases].filter((alias) => LATIN.test(alias));
  // Pinyin's ü is typed v (Lüliang, Lvliang)
  for (const name of [...latin, ...latin.filter((alias) => alias.includes('ü')).map((alias) => alias.replace(/ü/g, 'v'))]) {
    // "Taizhou (Zhejiang)": Taizhou, Taizhou City, Taizhou City (Zhejiang)
    const [, bare = name, province] = /^(.*?)(?: (\([^)]*\)))?$/.exec(name) ?? [];
    const base = words.length > 0 ? bare.replace(TRAILING[record.kind], '') : bare;
    keys.push(base);
    for (const word of words) keys.push(`${base} ${word}`, ...(province ? [`${base} ${word} ${province}`] : []));
  }
  return keys;
}

/**
 * Lookup by code, GB/T 2260 code, English, Pinyin or Chinese name, full official name or the
 * customary English name; ancestry for "includes its children". A name a province and a city
 * share is the province's (吉林 is Jilin province; the city is Jilin City).
 */
export class JurisdictionRegistry {
  private readonly byKey = new Map<string, JurisdictionRecord>();
  private readonly byCode = new Map<string, JurisdictionRecord>();
  /** within(code), kept per code: the registry does not change once made */
  private readonly inside = new Map<string, readonly string[]>();

  constructor(readonly all: readonly JurisdictionRecord[] = JURISDICTIONS) {
    for (const record of all) this.byCode.set(record.code, record);
    // the country's names first, then the provinces', then the cities'
    for (const level of LEVELS) {
      const records = all.filter((record) => record.level === level);
      for (const record of records) {
        for (const key of ownKeys(record).map(nameKey)) if (key && !this.byKey.has(key)) this.byKey.set(key, record);
      }
      const made = new Map<string, JurisdictionRecord | null>();
      for (const record of records) {
        for (const key of madeKeys(record).map(nameKey)) {
          if (!key || this.byKey.has(key)) continue;
          const before = made.get(key);
          made.set(key, before === undefined || before === record ? record : null);
        }
      }
      for (const [key, record] of made) if (record) this.byKey.set(key, record);
    }
  }

  find(codeOrName: string): JurisdictionRecord | undefined {
    return this.byKey.get(nameKey(codeOrName));
  }

  get(code: string): JurisdictionRecord {
    const record = this.byCode.get(code) ?? this.find(code);
    if (!record) throw new Error(`unknown jurisdiction ${code}`);
    return record;
  }

  /** The jurisdiction and every ancestor, nearest first (CN-440100, CN-GD, CN). */
  lineage(code: string): JurisdictionRecord[] {
    const chain: JurisdictionRecord[] = [];
    for (let at = this.byCode.get(code); at; at = at.parent ? this.byCode.get(at.parent) : undefined) {
      chain.push(at);
    }
    return chain;
  }

  /** True when `code` is `ancestor` or lies inside it. */
  isWithin(code: string, ancestor: string): boolean {
    for (let at = this.byCode.get(code); at; at = at.parent ? this.byCode.get(at.parent) : undefined) {
      if (at.code === ancestor) return true;
    }
    return false;
  }

  /**
   * The codes of the jurisdiction and of every place inside it, in the registry's order (CN-GD:
   * Guangdong, Guangzhou, Shenzhen...); empty for a code it does not hold. Worked out once per code
   * (every state question about a place asks it).
   */
  within(code: string): readonly string[] {
    let codes = this.inside.get(code);
    if (!codes) {
      codes = Object.freeze(this.all.filter((record) => this.isWithin(record.code, code)).map((record) => record.code));
      this.inside.set(code, codes);
    }
    return codes;
  }

  children(code: string): JurisdictionRecord[] {
    return this.all.filter((record) => record.parent === code);
  }
}

export const jurisdictions = new JurisdictionRegistry();
