import { describe, expect, it } from '@jest/globals';
import { JurisdictionRegistry, jurisdictions, nameKey } from './jurisdiction-registry.js';
import { JURISDICTIONS, type JurisdictionRecord } from './reference-data.js';

const codeOf = (name: string): string | undefined => jurisdictions.find(name)?.code;

/** code, GB/T code, full official name, toneless Pinyin, customary English name (null: the name is the Pinyin), Chinese short name */
const PROVINCES: ReadonlyArray<readonly [string, string, string, string, string | null, string]> = [
  ['CN-BJ', '110000', 'Beijing Municipality', 'Beijing', 'Peking', '北京'],
  ['CN-TJ', '120000', 'Tianjin Municipality', 'Tianjin', 'Tientsin', '天津'],
  ['CN-HE', '130000', 'Hebei Province', 'Hebei', 'Hopeh', '河北'],
  ['CN-SX', '140000', 'Shanxi Province', 'Shanxi', 'Shansi', '山西'],
  ['CN-NM', '150000', 'Inner Mongolia Autonomous Region', 'Nei Menggu', 'Inner Mongolia', '内蒙古'],
  ['CN-LN', '210000', 'Liaoning Province', 'Liaoning', null, '辽宁'],
  ['CN-JL', '220000', 'Jilin Province', 'Jilin', 'Kirin', '吉林'],
  ['CN-HL', '230000', 'Heilongjiang Province', 'Heilongjiang', 'Heilungkiang', '黑龙江'],
  ['CN-SH', '310000', 'Shanghai Municipality', 'Shanghai', null, '上海'],
  ['CN-JS', '320000', 'Jiangsu Province', 'Jiangsu', 'Kiangsu', '江苏'],
  ['CN-ZJ', '330000', 'Zhejiang Province', 'Zhejiang', 'Chekiang', '浙江'],
  ['CN-AH', '340000', 'Anhui Province', 'Anhui', 'Anhwei', '安徽'],
  ['CN-FJ', '350000', 'Fujian Province', 'Fujian', 'Fukien', '福建'],
  ['CN-JX', '360000', 'Jiangxi Province', 'Jiangxi', 'Kiangsi', '江西'],
  ['CN-SD', '370000', 'Shandong Province', 'Shandong', 'Shantung', '山东'],
  ['CN-HA', '410000', 'Henan Province', 'Henan', 'Honan', '河南'],
  ['CN-HB', '420000', 'Hubei Province', 'Hubei', 'Hupeh', '湖北'],
  ['CN-HN', '430000', 'Hunan Province', 'Hunan', null, '湖南'],
  ['CN-GD', '440000', 'Guangdong Province', 'Guangdong', 'Kwangtung', '广东'],
  ['CN-GX', '450000', 'Guangxi Zhuang Autonomous Region', 'Guangxi', 'Kwangsi', '广西'],
  ['CN-HI', '460000', 'Hainan Province', 'Hainan', null, '海南'],
  ['CN-CQ', '500000', 'Chongqing Municipality', 'Chongqing', 'Chungking', '重庆'],
  ['CN-SC', '510000', 'Sichuan Province', 'Sichuan', 'Szechwan', '四川'],
  ['CN-GZ', '520000', 'Guizhou Province', 'Guizhou', 'Kweichow', '贵州'],
  ['CN-YN', '530000', 'Yunnan Province', 'Yunnan', null, '云南'],
  ['CN-XZ', '540000', 'Tibet Autonomous Region', 'Xizang', 'Tibet', '西藏'],
  // Shaanxi is the official spelling; its toneless Pinyin, Shanxi, is Shanxi province's
  ['CN-SN', '610000', 'Shaanxi Province', 'Shaanxi', 'Shensi', '陕西'],
  ['CN-GS', '620000', 'Gansu Province', 'Gansu', 'Kansu', '甘肃'],
  ['CN-QH', '630000', 'Qinghai Province', 'Qinghai', 'Tsinghai', '青海'],
  ['CN-NX', '640000', 'Ningxia Hui Autonomous Region', 'Ningxia', 'Ningsia', '宁夏'],
  ['CN-XJ', '650000', 'Xinjiang Uygur Autonomous Region', 'Xinjiang', 'Sinkiang', '新疆'],
  ['CN-TW', '710000', 'Taiwan Province', 'Taiwan', null, '台湾'],
  ['CN-HK', '810000', 'Hong Kong Special Administrative Region', 'Xianggang', 'Hong Kong', '香港'],
  ['CN-MO', '820000', 'Macao Special Administrative Region', 'Aomen', 'Macau', '澳门'],
];

/** code, full name, toneless Pinyin, customary English name (null: the name is the Pinyin), Chinese short name */
const CITIES: ReadonlyArray<readonly [string, string, string, string | null, string]> = [
  ['CN-440100', 'Guangzhou City', 'Guangzhou', 'Canton', '广州'],
  ['CN-440300', 'Shenzhen City', 'Shenzhen', null, '深圳'],
  ['CN-330100', 'Hangzhou City', 'Hangzhou', 'Hangchow', '杭州'],
  ['CN-230100', 'Harbin City', 'Haerbin', 'Harbin', '哈尔滨'],
  ['CN-650100', 'Urumqi City', 'Wulumuqi', 'Urumqi', '乌鲁木齐'],
  ['CN-150100', 'Hohhot City', 'Huhehaote', 'Hohhot', '呼和浩特'],
  ['CN-540100', 'Lhasa City', 'Lasa', 'Lhasa', '拉萨'],
  ['CN-540200', 'Shigatse City', 'Rikaze', 'Shigatse', '日喀则'],
  ['CN-653100', 'Kashgar Prefecture', 'Kashi', 'Kashgar', '喀什'],
  ['CN-653200', 'Hotan Prefecture', 'Hetian', 'Khotan', '和田'],
  ['CN-650400', 'Turpan City', 'Tulufan', 'Turfan', '吐鲁番'],
  ['CN-350200', 'Xiamen City', 'Xiamen', 'Amoy', '厦门'],
  ['CN-320100', 'Nanjing City', 'Nanjing', 'Nanking', '南京'],
  ['CN-610100', "Xi'an City", 'Xian', 'Sian', '西安'],
  ['CN-510100', 'Chengdu City', 'Chengdu', 'Chengtu', '成都'],
  ['CN-370200', 'Qingdao City', 'Qingdao', 'Tsingtao', '青岛'],
  ['CN-210100', 'Shenyang City', 'Shenyang', 'Mukden', '沈阳'],
  ['CN-230200', "Qiqiha'er City", 'Qiqihaer', 'Qiqihar', '齐齐哈尔'],
  ['CN-420100', 'Wuhan City', 'Wuhan', null, '武汉'],
  ['CN-152500', 'Xilingol League', 'Xilinguole', 'Xilingol', '锡林郭勒'],
  ['CN-222400', 'Yanbian Korean Autonomous Prefecture', 'Yanbian', null, '延边'],
  ['CN-141100', 'Lüliang City', 'Lvliang', 'Luliang', '吕梁'],
];

describe('given each of the 34 provincial-level divisions', () => {
  it.each(PROVINCES)('when %s is looked up by any of its names, then each finds it', (code, gbCode, full, pinyin, exonym, zh) => {
    const names = [code, code.toLowerCase(), gbCode, full, full.toUpperCase(), full.toLowerCase(), pinyin,
      pinyin.toLowerCase().replace(/ /g, ''), pinyin.toUpperCase().replace(/ /g, '-'), zh, jurisdictions.get(code).nameZh,
      ...(exonym ? [exonym, exonym.toLowerCase()] : [])];
    expect(names.map((name) => [name, codeOf(name)])).toStrictEqual(names.map((name) => [name, code]));
  });

  it.each([
    ['Neimenggu', 'CN-NM'], ['nei-menggu', 'CN-NM'], ['Nei Mongol', 'CN-NM'], ['Nei Menggu Zizhiqu', 'CN-NM'],
    ['Xizang Autonomous Region', 'CN-XZ'], ['Xinjiang Uyghur Autonomous Region', 'CN-XJ'], ['Guangxi Zhuang', 'CN-GX'],
    ['Macau Special Administrative Region', 'CN-MO'], ['Macao SAR', 'CN-MO'], ['Hong Kong SAR', 'CN-HK'], ['HKSAR', 'CN-HK'],
    ['Hongkong', 'CN-HK'], ['hong-kong', 'CN-HK'], ['Beijing City', 'CN-BJ'], ['Peking Municipality', 'CN-BJ'], ['Hubei Sheng', 'CN-HB'],
    ['Hupei', 'CN-HB'], ['Hopei', 'CN-HE'], ['Szechuan', 'CN-SC'], ['Ningxia Autonomous Region', 'CN-NX'],
  ])('when looked up by the other form %j, then it is %s', (name, code) => {
    expect(codeOf(name)).toBe(code);
  });

  it.each([['Shanxi', 'CN-SX'], ['shan xi', 'CN-SX'], ['Shansi', 'CN-SX'], ['山西省', 'CN-SX'], ['Shanxi Province', 'CN-SX'],
    ['Shaanxi', 'CN-SN'], ['SHAANXI', 'CN-SN'], ['Shensi', 'CN-SN'], ['陕西省', 'CN-SN'], ['Shaanxi Province', 'CN-SN']])(
    'when Shanxi and Shaanxi are told apart, then %j is %s', (name, code) => {
      expect(codeOf(name)).toBe(code);
    });

  it('when a province is looked up by its name with its kind\'s words, then each finds it', () => {
    const words = { province: ['Province', 'Sheng'], municipality: ['Municipality', 'City', 'Shi'],
      'autonomous-region': ['Autonomous Region', 'Zizhiqu'], 'special-administrative-region': ['Special Administrative Region', 'SAR'] };
    for (const province of JURISDICTIONS.filter((record) => record.level === 'province')) {
      for (const word of words[province.kind as keyof typeof words]) {
        expect([province.name, word, codeOf(`${province.name} ${word}`)]).toStrictEqual([province.name, word, province.code]);
      }
    }
  });
});

describe('given prefecture-level divisions', () => {
  it.each(CITIES)('when %s is looked up by any of its names, then each finds it', (code, full, pinyin, exonym, zh) => {
    const names = [code, code.slice(3), full, full.toLowerCase(), pinyin, pinyin.toLowerCase(), zh,
      jurisdictions.get(code).nameZh, jurisdictions.get(code).name, ...(exonym ? [exonym, exonym.toUpperCase()] : [])];
    expect(names.map((name) => [name, codeOf(name)])).toStrictEqual(names.map((name) => [name, code]));
  });

  it.each([
    ["xi'an", 'CN-610100'], ['Xi’an', 'CN-610100'], ['XIAN', 'CN-610100'], ['xi an', 'CN-610100'], ['xi-an', 'CN-610100'],
    ["Ha'erbin", 'CN-230100'], ['Ürümqi', 'CN-650100'], ['Urumchi', 'CN-650100'], ['Lüliang', 'CN-141100'],
    ['Guangzhou Shi', 'CN-440100'], ['Kashi Prefecture', 'CN-653100'], ['Kashgar Diqu', 'CN-653100'], ['喀什地区', 'CN-653100'],
    ['兴安', 'CN-152200'], ['Hinggan', 'CN-152200'], ["Xing'an League", 'CN-152200'], ['Yili', 'CN-654000'], ['Ili', 'CN-654000'],
    ['Changji', 'CN-652300'], ['Changjihuizuzizhizhou', 'CN-652300'], ['Ordos', 'CN-150600'], ["E'erduosi", 'CN-150600'],
  ])('when looked up by the other form %j, then it is %s', (name, code) => {
    expect(codeOf(name)).toBe(code);
  });

  it('when a city is looked up by its name with "City", "Shi" or in lower case without spaces or apostrophes, then each finds it', () => {
    for (const city of JURISDICTIONS.filter((record) => record.kind === 'prefecture-level-city' || record.kind === 'sub-provincial-city')) {
      const [, bare = '', province = ''] = /^(.*?)(?: City)?( \(.*\))?$/.exec(city.name) ?? [];
      for (const name of [`${bare} City${province}`, `${bare} Shi${province}`, city.name.toLowerCase().replace(/[ ']/g, '')]) {
        expect([name, codeOf(name)]).toStrictEqual([name, city.code]);
      }
    }
  });
});

describe('given a name two places share', () => {
  it.each([
    ['吉林', 'CN-JL'], ['Jilin', 'CN-JL'], ['Kirin', 'CN-JL'], ['Jilin City', 'CN-220200'], ['吉林市', 'CN-220200'], ['Jilin Shi', 'CN-220200'],
    ['Hainan', 'CN-HI'], ['海南', 'CN-HI'], ['Hainan Tibetan Autonomous Prefecture', 'CN-632500'], ['海南藏族自治州', 'CN-632500'],
    ['Taizhou (Zhejiang)', 'CN-331000'], ['Taizhou City (Jiangsu)', 'CN-321200'], ['台州', 'CN-331000'], ['泰州', 'CN-321200'],
    ['Soochow', 'CN-320500'], ['Suzhou (Anhui)', 'CN-341300'], ['Foochow', 'CN-350100'], ['Yulin (Shaanxi)', 'CN-610800'],
  ])('when a province and a city share it, the province has it; when two cities do, their province tells them apart: %j is %s', (name, code) => {
    expect(codeOf(name)).toBe(code);
  });

  it.each(['Taizhou', 'Taizhou City', 'Suzhou', 'Suzhou Shi', 'Fuzhou', 'Yichun', 'Yulin'])(
    'when two cities share %j alone, then it finds neither', (name) => {
      expect(jurisdictions.find(name)).toBeUndefined();
    });

  it.each(['Guangzhou Province', 'Hubei City', 'Shaanxi Municipality', 'Xizang Province', 'Lasa Province', 'Macau Province', 'Xi an an'])(
    'when a name is given words not of its kind (%j), then it finds nothing', (name) => {
      expect(jurisdictions.find(name)).toBeUndefined();
    });
});

describe('given a registry of its own records', () => {
  const record = (code: string, name: string, nameZh: string, level: JurisdictionRecord['level'], kind: JurisdictionRecord['kind'],
    aliases: string[] = []): JurisdictionRecord => ({
    code, gbCode: null, name, nameZh, level, kind, parent: level === 'country' ? null : 'XX', zone: 'UTC', aliases,
  });
  // the cities come first: the province keeps the names it shares all the same
  const registry = new JurisdictionRegistry([
    record('XX-C1', 'Alpha (North)', '北阿尔法市', 'city', 'prefecture-level-city'),
    record('XX-C2', 'Alpha (South)', '南阿尔法市', 'city', 'prefecture-level-city'),
    record('XX-C3', 'Beta City', '贝塔市', 'city', 'prefecture-level-city'),
    record('XX', 'Testland', '测试国', 'country', 'country'),
    record('XX-P1', 'Beta', '贝塔省', 'province', 'province', ['Old Beta']),
  ]);

  it('when a form a province and a city both make is looked up, then it is the province, whatever their order', () => {
    expect(registry.find('beta')?.code).toBe('XX-P1');
    expect(registry.find('贝塔')?.code).toBe('XX-P1');
    expect(registry.find('贝塔市')?.code).toBe('XX-C3');
    expect(registry.find('Beta City')?.code).toBe('XX-C3');
    expect(registry.find('old-beta province')?.code).toBe('XX-P1');
  });

  it('when a form two cities make is looked up, then it is neither; their own names still find each', () => {
    expect(registry.find('Alpha')).toBeUndefined();
    expect(registry.find('Alpha City')).toBeUndefined();
    expect(registry.find('alpha (south)')?.code).toBe('XX-C2');
    expect(registry.find('Alpha City (North)')?.code).toBe('XX-C1');
  });
});

describe('nameKey', () => {
  it.each([
    ["Xi'an", 'xian'], ['  Nei-Menggu ', 'neimenggu'], ['Hong Kong S.A.R.', 'hongkongsar'], ['Lüliang', 'luliang'],
    ['Ürümqi', 'urumqi'], ['湖 北', '湖北'], ['Taizhou (Zhejiang)', 'taizhou(zhejiang)'], ['Île-de-France', 'îledefrance'],
  ])('given %j, when keyed, then it is %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});
