import type { CountName, Jurisdiction, Qualifier, SourceKind } from './api.js';
import type { MapState } from './map-state.js';

export type Lang = 'en' | 'zh';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const en = {
  title: 'Regulatory Timeline',
  subtitle: "China's rectification of P2P online lending, province by province",
  date: 'Date',
  slider: 'Date between 2016-01-01 and today',
  asKnown: 'As known on that date',
  asKnownHint: 'only what had been recorded by then',
  language: '中文',
  languageName: 'Switch to Chinese',
  map: 'Provinces',
  cities: 'Cities',
  states: {
    prohibited: 'Online lending prohibited',
    possible: 'Possibly prohibited (imprecise date)',
    'banned-or-closed': 'Institutions banned or closed',
    none: 'Nothing recorded',
  } satisfies Record<MapState, string>,
  national: 'National counters',
  counts: {
    operating: 'Operating institutions',
    banned: 'Banned',
    closed: 'Closed',
    revoked: 'Licences revoked',
    exited: 'Exited',
  } satisfies Record<CountName, string>,
  refersTo: 'figure for',
  noFigure: 'no figure yet',
  unknown: 'unknown',
  unknownHint: 'reported without a number ("a number of")',
  atLeast: 'at least',
  atLeastHint: 'at least: some reports give no number',
  qualifiers: {
    approximately: 'about',
    nearly: 'nearly',
    'at-least': 'at least',
    'more-than': 'more than',
    'at-most': 'at most',
  } satisfies Record<Qualifier, string>,
  disputed: 'disputed',
  disputedHint: 'sources of the same date report another number',
  inForce: 'in force',
  possiblyInForce: 'possibly in force',
  possiblyInForceHint: 'the day shown is inside the window of its date',
  known: 'known',
  possiblyKnown: 'possibly known',
  possiblyKnownHint: 'its source may not have been published yet on the day shown',
  notInForce: 'not in force on this date',
  exitAnnounced: 'exit announced, not yet effective',
  superseded: 'superseded by a later figure',
  businessLines: 'By business line',
  separator: '; ',
  colon: ': ',
  businessLineNames: {
    'online-lending': 'Online lending',
    'internet-lending-assistance': 'Internet lending assistance',
  } as Readonly<Record<string, string>>,
  prohibitedIn: (certain: number, possible: number) =>
    certain === 0
      ? possible === 0 ? 'prohibited in no province' : `possibly prohibited in ${possible} ${plural(possible, 'province', 'provinces')}`
      : `prohibited in ${certain} ${plural(certain, 'province', 'provinces')}${possible > 0 ? `, possibly in ${possible} more` : ''}`,
  // a count of halts (facts), not of distinct banks
  partnershipsHalted: (n: number) => `${n} ${plural(n, 'halt', 'halts')} of partnerships by banks`,
  prohibitedChart: 'Provinces prohibiting online lending over time',
  prohibitedChartCertain: 'certainly prohibited',
  prohibitedChartPossible: 'possibly prohibited',
  bans: 'Bans in force',
  noBans: 'No bans in force on this date.',
  bansShown: (shown: number, total: number) => `The first ${shown} of ${total}, oldest first.`,
  timelineOf: 'Timeline of',
  choose: 'Choose a province or city on the map to read its timeline and sources.',
  close: 'Close',
  noFacts: 'Nothing recorded here.',
  later: 'after the date shown',
  source: 'Source',
  sourceKinds: {
    secondary: (publisher: string, outlet: string | null) => `${publisher}, a secondary source${outlet ? ` citing ${outlet}` : ''}`,
    summary: (publisher: string, outlet: string | null) => `summary by ${publisher}${outlet ? ` of ${outlet}` : ''}`,
    // the seeds name an unknown translator "unknown machine translation": no "translation by" before it
    translation: (publisher: string, outlet: string | null) =>
      `${/translation/i.test(publisher) ? publisher : `translation by ${publisher}`}${outlet ? ` of ${outlet}` : ''}`,
  } satisfies Record<Exclude<SourceKind, 'primary'>, (publisher: string, outlet: string | null) => string>,
  published: 'published',
  open: 'open source',
  onOrBefore: 'on or before',
  onOrAfter: 'on or after',
  to: 'to',
  loading: 'Loading…',
  failed: 'Could not load',
  status: 'status',
};

export type Labels = typeof en;

const zh: Labels = {
  title: '监管时间线',
  subtitle: '中国网络借贷风险专项整治，逐省查看',
  date: '日期',
  slider: '日期（2016-01-01 至今）',
  asKnown: '按当日已知信息',
  asKnownHint: '仅显示当日之前已记录的内容',
  language: 'English',
  languageName: '切换到英文',
  map: '省级行政区',
  cities: '城市',
  states: {
    prohibited: '已取缔网贷业务',
    possible: '可能已取缔（日期不精确）',
    'banned-or-closed': '有机构被取缔或关闭',
    none: '无记录',
  },
  national: '全国数据',
  counts: {
    operating: '在运营机构',
    banned: '取缔',
    closed: '关闭',
    revoked: '吊销许可',
    exited: '退出',
  },
  refersTo: '数据日期',
  noFigure: '暂无数据',
  unknown: '未知',
  unknownHint: '来源未给出具体数字（“一批”）',
  atLeast: '至少',
  atLeastHint: '至少：部分来源未给出数字',
  qualifiers: {
    approximately: '约',
    nearly: '近',
    'at-least': '至少',
    'more-than': '超过',
    'at-most': '至多',
  },
  disputed: '有争议',
  disputedHint: '同日其他来源报道的数字不同',
  inForce: '已生效',
  possiblyInForce: '可能已生效',
  possiblyInForceHint: '所选日期在其生效日期的范围之内',
  known: '已知',
  possiblyKnown: '可能已知',
  possiblyKnownHint: '所选日期时其来源可能尚未发布',
  notInForce: '该日期未生效',
  exitAnnounced: '已宣布退出，尚未生效',
  superseded: '已被更新的数据取代',
  businessLines: '按业务类型',
  separator: '；',
  colon: '：',
  businessLineNames: {
    'online-lending': '网络借贷',
    'internet-lending-assistance': '互联网助贷',
  },
  prohibitedIn: (certain: number, possible: number) =>
    certain === 0
      ? possible === 0 ? '尚无省份取缔' : `${possible} 个省份可能已取缔`
      : `${certain} 个省份已取缔${possible > 0 ? `，另有 ${possible} 个可能已取缔` : ''}`,
  partnershipsHalted: (n: number) => `银行停止合作 ${n} 起`,
  prohibitedChart: '取缔网贷业务的省份数量变化',
  prohibitedChartCertain: '确定取缔',
  prohibitedChartPossible: '可能取缔',
  bans: '生效中的取缔',
  noBans: '该日期没有生效的取缔。',
  bansShown: (shown: number, total: number) => `显示最早的 ${shown} 项，共 ${total} 项。`,
  timelineOf: '时间线：',
  choose: '在地图上选择省份或城市，查看其时间线和来源。',
  close: '关闭',
  noFacts: '此处无记录。',
  later: '晚于所选日期',
  source: '来源',
  sourceKinds: {
    secondary: (publisher: string, outlet: string | null) => `${publisher}（二手资料${outlet ? `，引用${outlet}` : ''}）`,
    summary: (publisher: string, outlet: string | null) => `${publisher} 的摘要${outlet ? `（原文：${outlet}）` : ''}`,
    translation: (publisher: string, outlet: string | null) => `${publisher}（译文${outlet ? `，原文：${outlet}` : ''}）`,
  },
  published: '发布',
  open: '打开来源',
  onOrBefore: '不晚于',
  onOrAfter: '不早于',
  to: '至',
  loading: '加载中…',
  failed: '无法加载',
  status: '状态',
};

export const LABELS: Record<Lang, Labels> = { en, zh };

export const nameOf = (jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string =>
  !jurisdiction ? code : lang === 'zh' ? jurisdiction.nameZh : jurisdiction.name;

/** The name on a tile: two letters in English, the short name in Chinese (宁夏, 内蒙古). */
export function tileLabelOf(jurisdiction: Jurisdiction | undefined, code: string, lang: Lang): string {
  if (lang === 'en' || !jurisdiction) return code.replace(/^CN-/, '');
  return jurisdiction.nameZh.replace(/(维吾尔|壮族|回族)?(自治区|特别行政区|省|市)$/, '');
}
