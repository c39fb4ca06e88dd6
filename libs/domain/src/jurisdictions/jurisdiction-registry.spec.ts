import { describe, expect, it } from '@jest/globals';
import { JurisdictionRegistry, jurisdictions } from './jurisdiction-registry.js';
import { JURISDICTIONS, type JurisdictionRecord } from './reference-data.js';

const codesOf = (records: readonly JurisdictionRecord[]): string[] => records.map((record) => record.code);
const provinces = JURISDICTIONS.filter((record) => record.level === 'province');
const cities = JURISDICTIONS.filter((record) => record.level === 'city');

describe('reference data', () => {
  it('has China as the only root', () => {
    expect(JURISDICTIONS.filter((record) => record.parent === null)).toStrictEqual([{
      code: 'CN', gbCode: null, name: 'China', nameZh: '中国', level: 'country', kind: 'country', parent: null,
      zone: 'Asia/Shanghai', aliases: ["People's Republic of China", '中华人民共和国', 'PRC'],
    }]);
  });

  it('lists all 34 provincial-level divisions of China', () => {
    expect(codesOf(provinces).sort()).toStrictEqual([
      'CN-AH', 'CN-BJ', 'CN-CQ', 'CN-FJ', 'CN-GD', 'CN-GS', 'CN-GX', 'CN-GZ', 'CN-HA', 'CN-HB', 'CN-HE', 'CN-HI',
      'CN-HK', 'CN-HL', 'CN-HN', 'CN-JL', 'CN-JS', 'CN-JX', 'CN-LN', 'CN-MO', 'CN-NM', 'CN-NX', 'CN-QH', 'CN-SC',
      'CN-SD', 'CN-SH', 'CN-SN', 'CN-SX', 'CN-TJ', 'CN-TW', 'CN-XJ', 'CN-XZ', 'CN-YN', 'CN-ZJ',
    ]);
  });

  it('counts 23 provinces, 4 municipalities, 5 autonomous regions and 2 special administrative regions', () => {
    const byKind: Record<string, number> = {};
    for (const { kind } of provinces) byKind[kind] = (byKind[kind] ?? 0) + 1;
    expect(byKind).toStrictEqual({ province: 23, municipality: 4, 'autonomous-region': 5, 'special-administrative-region': 2 });
  });

  it('gives every record a unique code, GB/T code, English name and Chinese name', () => {
    for (const key of ['code', 'gbCode', 'name', 'nameZh'] as const) {
      const values = JURISDICTIONS.map((record) => record[key]);
      expect(new Set(values).size).toBe(JURISDICTIONS.length);
    }
  });

  it('gives provinces an ISO 3166-2 code and a GB/T 2260 code ending in 0000, under CN, in Asia/Shanghai', () => {
    for (const province of provinces) {
      expect(province).toMatchObject({ parent: 'CN', zone: 'Asia/Shanghai' });
      expect(province.code).toMatch(/^CN-[A-Z]{2}$/);
      expect(province.gbCode).toMatch(/^[1-8]\d0000$/);
      expect(province.nameZh).toMatch(/(省|市|自治区|特别行政区)$/);
    }
    expect(jurisdictions.get('CN-NX')).toMatchObject({ gbCode: '640000', name: 'Ningxia', nameZh: '宁夏回族自治区' });
    expect(jurisdictions.get('CN-HB')).toMatchObject({ gbCode: '420000', name: 'Hubei', nameZh: '湖北省' });
    expect(jurisdictions.get('CN-BJ')).toMatchObject({ gbCode: '110000', kind: 'municipality' });
    expect(jurisdictions.get('CN-MO')).toMatchObject({ gbCode: '820000', kind: 'special-administrative-region' });
  });

  it('codes cities CN-<GB/T code>, under the province whose GB/T code they start with', () => {
    // the five the sources name, written by hand, and the other prefecture-level divisions (generated)
    expect(codesOf(cities)).toEqual(expect.arrayContaining(['CN-230100', 'CN-330100', 'CN-440100', 'CN-440300', 'CN-650100', 'CN-420100']));
    expect(cities.length).toBeGreaterThanOrEqual(320);
    expect(new Set(codesOf(cities)).size).toBe(cities.length);
    for (const city of cities) {
      expect(city.code).toBe(`CN-${city.gbCode}`);
      const parent = jurisdictions.get(city.parent!);
      expect(parent.level).toBe('province');
      expect(parent.gbCode!.slice(0, 2)).toBe(city.gbCode!.slice(0, 2));
    }
  });
});

describe('find', () => {
  it('finds a generated city by its English, Pinyin or Chinese name; a name two places share stays the province\'s', () => {
    expect(jurisdictions.find('Wuhan')?.code).toBe('CN-420100');
    expect(jurisdictions.find('武汉市')?.code).toBe('CN-420100');
    expect(jurisdictions.find('Lasa')?.code).toBe('CN-540100');
    expect(jurisdictions.find('Lhasa')?.name).toBe('Lhasa');
    expect(jurisdictions.find('吉林')?.code).toBe('CN-JL');
    expect(jurisdictions.find('Jilin City')?.code).toBe('CN-220200');
    expect(jurisdictions.find('Taizhou (Zhejiang)')?.nameZh).toBe('台州市');
    expect(jurisdictions.find('Taizhou (Jiangsu)')?.nameZh).toBe('泰州市');
  });

  it.each([
    ['CN-NX', 'CN-NX'], ['cn-nx', 'CN-NX'], ['640000', 'CN-NX'], ['Ningxia', 'CN-NX'], ['NINGXIA', 'CN-NX'],
    ['  ningxia ', 'CN-NX'], ['Ningxia Hui Autonomous Region', 'CN-NX'], ['ningxia  hui   autonomous region', 'CN-NX'],
    ['宁夏回族自治区', 'CN-NX'], ['宁夏', 'CN-NX'],
    ['湖北省', 'CN-HB'], ['湖北', 'CN-HB'], ['Hubei', 'CN-HB'], ['Hubei Province', 'CN-HB'], ['420000', 'CN-HB'],
    ['Shanxi', 'CN-SX'], ['Shaanxi', 'CN-SN'], ['山西', 'CN-SX'], ['陕西省', 'CN-SN'],
    ['广西', 'CN-GX'], ['广西壮族自治区', 'CN-GX'], ['新疆', 'CN-XJ'], ['新疆维吾尔自治区', 'CN-XJ'],
    ['内蒙古', 'CN-NM'], ['Inner Mongolia', 'CN-NM'], ['Nei Mongol', 'CN-NM'], ['西藏', 'CN-XZ'], ['Xizang', 'CN-XZ'],
    ['香港', 'CN-HK'], ['香港特别行政区', 'CN-HK'], ['Hong Kong', 'CN-HK'], ['Macau', 'CN-MO'], ['Macao', 'CN-MO'],
    ['北京', 'CN-BJ'], ['北京市', 'CN-BJ'], ['重庆', 'CN-CQ'],
    ['CN', 'CN'], ['cn', 'CN'], ['China', 'CN'], ['中国', 'CN'], ['中华人民共和国', 'CN'], ['PRC', 'CN'],
    ['Guangzhou', 'CN-440100'], ['广州市', 'CN-440100'], ['广州', 'CN-440100'], ['440100', 'CN-440100'],
    ['cn-440100', 'CN-440100'], ['Shenzhen', 'CN-440300'], ['深圳', 'CN-440300'], ['乌鲁木齐', 'CN-650100'],
    ['Urumqi', 'CN-650100'], ['Harbin', 'CN-230100'], ['杭州', 'CN-330100'],
  ])('finds %j as %s', (key, code) => {
    expect(jurisdictions.find(key)?.code).toBe(code);
  });

  it.each(['Atlantis', '', '   ', 'CN-ZZ', '999999', '640001', 'Ningxi', '湖', 'Hubei Provinc', 'CN-NX '.repeat(2)])(
    'finds nothing for %j', (key) => {
      expect(jurisdictions.find(key)).toBeUndefined();
    });

  it('finds every record by its code, GB/T code, English name, Chinese name and aliases', () => {
    for (const record of JURISDICTIONS) {
      const keys = [record.code, record.gbCode, record.name, record.nameZh, ...record.aliases].filter(
        (key): key is string => key !== null);
      for (const key of keys) expect([key, jurisdictions.find(key)?.code]).toStrictEqual([key, record.code]);
    }
  });

  it('returns the record itself', () => {
    expect(jurisdictions.find('宁夏')).toBe(JURISDICTIONS.find((record) => record.code === 'CN-NX'));
  });
});

describe('get', () => {
  it('gets by code, and falls back to any key', () => {
    expect(jurisdictions.get('CN-GD').name).toBe('Guangdong');
    expect(jurisdictions.get('广东').code).toBe('CN-GD');
    expect(jurisdictions.get('CN-440300').zone).toBe('Asia/Shanghai');
  });

  it('throws for an unknown jurisdiction', () => {
    expect(() => jurisdictions.get('Atlantis')).toThrow('unknown jurisdiction Atlantis');
  });
});

describe('lineage and isWithin', () => {
  it('lists a jurisdiction and its ancestors, nearest first', () => {
    expect(codesOf(jurisdictions.lineage('CN-440100'))).toStrictEqual(['CN-440100', 'CN-GD', 'CN']);
    expect(codesOf(jurisdictions.lineage('CN-NX'))).toStrictEqual(['CN-NX', 'CN']);
    expect(codesOf(jurisdictions.lineage('CN'))).toStrictEqual(['CN']);
    expect(jurisdictions.lineage('CN-ZZ')).toStrictEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['CN-440100', 'CN-GD', true],
    ['CN-440100', 'CN', true],
    ['CN-440300', 'CN-GD', true],
    ['CN-GD', 'CN', true],
    ['CN-GD', 'CN-GD', true],
    ['CN', 'CN', true],
    ['CN-GD', 'CN-440100', false],
    ['CN', 'CN-GD', false],
    ['CN-440100', 'CN-HB', false],
    ['CN-650100', 'CN-GD', false],
    ['CN-650100', 'CN-XJ', true],
    ['CN-ZZ', 'CN', false],
  ])('%s within %s: %s', (code, ancestor, within) => {
    expect(jurisdictions.isWithin(code, ancestor)).toBe(within);
  });

  it('within: the jurisdiction and every place inside it, in the registry\'s order, the same list each time', () => {
    expect(jurisdictions.within('CN-GD')).toStrictEqual(['CN-GD', ...codesOf(jurisdictions.children('CN-GD'))]);
    expect(jurisdictions.within('CN-GD')).toBe(jurisdictions.within('CN-GD'));
    expect(jurisdictions.within('CN')).toStrictEqual(codesOf(jurisdictions.all));
    expect(jurisdictions.within('CN-440100')).toStrictEqual(['CN-440100']);
    expect(jurisdictions.within('CN-ZZ')).toStrictEqual([]);
    expect(Object.isFrozen(jurisdictions.within('CN-NX'))).toBe(true);
  });
});

describe('children', () => {
  it('lists the direct children only', () => {
    expect(jurisdictions.children('CN')).toHaveLength(34);
    expect(jurisdictions.children('CN').every((record) => record.level === 'province')).toBe(true);
    expect(codesOf(jurisdictions.children('CN-GD'))).toHaveLength(21);
    expect(codesOf(jurisdictions.children('CN-GD'))).toEqual(expect.arrayContaining(['CN-440100', 'CN-440300']));
    expect(codesOf(jurisdictions.children('CN-XJ'))).toEqual(expect.arrayContaining(['CN-650100', 'CN-653100']));
    expect(jurisdictions.children('CN-BJ')).toStrictEqual([]);
    expect(jurisdictions.children('CN-440100')).toStrictEqual([]);
  });
});

describe('a registry of other reference data', () => {
  const registry = new JurisdictionRegistry([
    { code: 'FR', gbCode: null, name: 'France', nameZh: '法国', level: 'country', kind: 'country', parent: null,
      zone: 'Europe/Paris', aliases: ['République française'] },
    { code: 'FR-IDF', gbCode: null, name: 'Île-de-France', nameZh: '法兰西岛大区', level: 'province', kind: 'province',
      parent: 'FR', zone: 'Europe/Paris', aliases: [] },
  ]);

  it('knows only its own records', () => {
    expect(registry.find('ile-de-france')).toBeUndefined();
    expect(registry.find('île-de-france')?.code).toBe('FR-IDF');
    expect(registry.find('République Française')?.code).toBe('FR');
    expect(registry.find('CN')).toBeUndefined();
    expect(registry.isWithin('FR-IDF', 'FR')).toBe(true);
    expect(registry.get('FR-IDF').zone).toBe('Europe/Paris');
  });
});
