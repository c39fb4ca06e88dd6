import { JURISDICTIONS, type JurisdictionRecord } from './reference-data.js';

/** Chinese names are matched with or without their administrative suffix (湖北省 = 湖北). */
const ZH_SUFFIX = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/;
const normalise = (key: string): string => key.trim().toLowerCase().replace(/\s+/g, ' ');

/** Lookup by code, GB/T 2260 code, English or Chinese name; ancestry for "includes its children". */
export class JurisdictionRegistry {
  private readonly byKey = new Map<string, JurisdictionRecord>();
  private readonly byCode = new Map<string, JurisdictionRecord>();

  constructor(readonly all: readonly JurisdictionRecord[] = JURISDICTIONS) {
    for (const record of all) {
      this.byCode.set(record.code, record);
      const keys = [record.code, record.gbCode, record.name, `${record.name} Province`, record.nameZh,
        record.nameZh.replace(ZH_SUFFIX, ''), ...record.aliases];
      // the first record to claim a name keeps it: 吉林 is Jilin the province, not Jilin City (吉林市)
      for (const key of keys) if (key && !this.byKey.has(normalise(key))) this.byKey.set(normalise(key), record);
    }
  }

  find(codeOrName: string): JurisdictionRecord | undefined {
    return this.byKey.get(normalise(codeOrName));
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
    return this.lineage(code).some((record) => record.code === ancestor);
  }

  children(code: string): JurisdictionRecord[] {
    return this.all.filter((record) => record.parent === code);
  }
}

export const jurisdictions = new JurisdictionRegistry();
