/**
 * Reference data: China, its 34 provincial-level divisions (ISO 3166-2:CN, GB/T 2260) and its
 * prefecture-level divisions (cities, prefectures, autonomous prefectures, leagues). Cities have
 * no ISO 3166-2 code, so their code is `CN-` + GB/T 2260 code. The cities the sources name are
 * written here by hand; the others are generated (prefecture-cities.ts). Other countries are
 * added as rows here.
 */
import { PREFECTURE_CITIES } from './prefecture-cities.js';

export type JurisdictionLevel = 'country' | 'province' | 'city';

export type DivisionKind =
  | 'country'
  | 'province'
  | 'municipality'
  | 'autonomous-region'
  | 'special-administrative-region'
  | 'prefecture-level-city'
  | 'sub-provincial-city'
  | 'prefecture'
  | 'autonomous-prefecture'
  | 'league';

export interface JurisdictionRecord {
  readonly code: string;
  /** GB/T 2260 administrative division code, null for countries */
  readonly gbCode: string | null;
  readonly name: string;
  readonly nameZh: string;
  readonly level: JurisdictionLevel;
  readonly kind: DivisionKind;
  readonly parent: string | null;
  /** IANA zone in which its dates are read */
  readonly zone: string;
  /**
   * other names: the Pinyin where the English name is not it (Nei Menggu, Xianggang, Lasa), the
   * customary or postal English names (Peking, Canton, Amoy), full names not made from the name
   * and kind (Ningxia Hui Autonomous Region), other spellings the sources use (Macau)
   */
  readonly aliases: readonly string[];
}

type Row = [code: string, gbCode: string, name: string, nameZh: string, kind: DivisionKind, aliases?: string[]];

const PROVINCES: Row[] = [
  ['CN-BJ', '110000', 'Beijing', '北京市', 'municipality', ['Peking']],
  ['CN-TJ', '120000', 'Tianjin', '天津市', 'municipality', ['Tientsin']],
  ['CN-HE', '130000', 'Hebei', '河北省', 'province', ['Hopeh', 'Hopei']],
  ['CN-SX', '140000', 'Shanxi', '山西省', 'province', ['Shansi']],
  ['CN-NM', '150000', 'Inner Mongolia', '内蒙古自治区', 'autonomous-region', ['Nei Mongol', 'Nei Menggu']],
  ['CN-LN', '210000', 'Liaoning', '辽宁省', 'province'],
  ['CN-JL', '220000', 'Jilin', '吉林省', 'province', ['Kirin']],
  ['CN-HL', '230000', 'Heilongjiang', '黑龙江省', 'province', ['Heilungkiang']],
  ['CN-SH', '310000', 'Shanghai', '上海市', 'municipality'],
  ['CN-JS', '320000', 'Jiangsu', '江苏省', 'province', ['Kiangsu']],
  ['CN-ZJ', '330000', 'Zhejiang', '浙江省', 'province', ['Chekiang']],
  ['CN-AH', '340000', 'Anhui', '安徽省', 'province', ['Anhwei']],
  ['CN-FJ', '350000', 'Fujian', '福建省', 'province', ['Fukien']],
  ['CN-JX', '360000', 'Jiangxi', '江西省', 'province', ['Kiangsi']],
  ['CN-SD', '370000', 'Shandong', '山东省', 'province', ['Shantung']],
  ['CN-HA', '410000', 'Henan', '河南省', 'province', ['Honan']],
  ['CN-HB', '420000', 'Hubei', '湖北省', 'province', ['Hupeh', 'Hupei']],
  ['CN-HN', '430000', 'Hunan', '湖南省', 'province'],
  ['CN-GD', '440000', 'Guangdong', '广东省', 'province', ['Kwangtung']],
  ['CN-GX', '450000', 'Guangxi', '广西壮族自治区', 'autonomous-region', ['Guangxi Zhuang Autonomous Region', 'Kwangsi']],
  ['CN-HI', '460000', 'Hainan', '海南省', 'province'],
  ['CN-CQ', '500000', 'Chongqing', '重庆市', 'municipality', ['Chungking']],
  ['CN-SC', '510000', 'Sichuan', '四川省', 'province', ['Szechwan', 'Szechuan']],
  ['CN-GZ', '520000', 'Guizhou', '贵州省', 'province', ['Kweichow']],
  ['CN-YN', '530000', 'Yunnan', '云南省', 'province'],
  ['CN-XZ', '540000', 'Tibet', '西藏自治区', 'autonomous-region', ['Xizang']],
  ['CN-SN', '610000', 'Shaanxi', '陕西省', 'province', ['Shensi']],
  ['CN-GS', '620000', 'Gansu', '甘肃省', 'province', ['Kansu']],
  ['CN-QH', '630000', 'Qinghai', '青海省', 'province', ['Tsinghai']],
  ['CN-NX', '640000', 'Ningxia', '宁夏回族自治区', 'autonomous-region', ['Ningxia Hui Autonomous Region', 'Ningsia']],
  ['CN-XJ', '650000', 'Xinjiang', '新疆维吾尔自治区', 'autonomous-region', ['Xinjiang Uygur Autonomous Region', 'Xinjiang Uyghur Autonomous Region', 'Sinkiang']],
  ['CN-TW', '710000', 'Taiwan', '台湾省', 'province'],
  ['CN-HK', '810000', 'Hong Kong', '香港特别行政区', 'special-administrative-region', ['Xianggang', 'HKSAR']],
  ['CN-MO', '820000', 'Macao', '澳门特别行政区', 'special-administrative-region', ['Macau', 'Aomen']],
];

const CITIES: Array<[gbCode: string, name: string, nameZh: string, parent: string, kind: DivisionKind, aliases: string[]]> = [
  ['440100', 'Guangzhou', '广州市', 'CN-GD', 'sub-provincial-city', ['Canton']],
  ['440300', 'Shenzhen', '深圳市', 'CN-GD', 'sub-provincial-city', []],
  ['650100', 'Urumqi', '乌鲁木齐市', 'CN-XJ', 'prefecture-level-city', ['Wulumuqi', 'Urumchi']],
  ['230100', 'Harbin', '哈尔滨市', 'CN-HL', 'sub-provincial-city', ["Ha'erbin"]],
  ['330100', 'Hangzhou', '杭州市', 'CN-ZJ', 'sub-provincial-city', ['Hangchow']],
];

const CHINA_ZONE = 'Asia/Shanghai';

/** The jurisdictions written by hand: the country, its provinces, the cities the sources name. */
export const WRITTEN_JURISDICTIONS: readonly JurisdictionRecord[] = [
  {
    code: 'CN', gbCode: null, name: 'China', nameZh: '中国', level: 'country', kind: 'country',
    parent: null, zone: CHINA_ZONE, aliases: ["People's Republic of China", '中华人民共和国', 'PRC'],
  },
  ...PROVINCES.map(([code, gbCode, name, nameZh, kind, aliases = []]): JurisdictionRecord => ({
    code, gbCode, name, nameZh, level: 'province', kind, parent: 'CN', zone: CHINA_ZONE, aliases,
  })),
  ...CITIES.map(([gbCode, name, nameZh, parent, kind, aliases]): JurisdictionRecord => ({
    code: `CN-${gbCode}`, gbCode, name, nameZh, level: 'city', kind, parent, zone: CHINA_ZONE, aliases,
  })),
];

/** Every jurisdiction: those written by hand, then the generated prefecture-level divisions. */
export const JURISDICTIONS: readonly JurisdictionRecord[] = [
  ...WRITTEN_JURISDICTIONS,
  ...PREFECTURE_CITIES.map(([gbCode, name, nameZh, parent, kind, aliases]): JurisdictionRecord => ({
    code: `CN-${gbCode}`, gbCode, name, nameZh, level: 'city', kind, parent, zone: CHINA_ZONE, aliases,
  })),
];
