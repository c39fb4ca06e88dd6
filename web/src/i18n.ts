import type { CountName, Jurisdiction } from './api.js';
import type { MapState } from './map-state.js';

export type Lang = 'en' | 'zh';

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
