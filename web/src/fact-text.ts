import type { FactData, Party } from './api.js';
import { describeEffective } from './dates.js';
import { formatNumber } from './doubts.js';
import { LABELS, type Lang } from './i18n.js';

/**
 * A fact in words, generated from its fields in each language (not a translation of the English
 * summary): the same template fills the numbers, names, business line and dates of either.
 */
const METRICS: Readonly<Record<string, readonly [string, string]>> = {
  borrowers: ['borrowers', '借款人'],
  'complaints-handled': ['complaints handled', '处理投诉'],
  'consecutive-months-of-decline': ['consecutive months of decline', '连续下降月数'],
  consumers: ['consumers', '消费者'],
  'cumulative-loan-amount': ['cumulative loan amount', '累计借贷金额'],
  'cumulative-loan-count': ['cumulative number of loans', '累计借贷笔数'],
  'economic-losses-recovered': ['economic losses recovered', '挽回经济损失'],
  'institutions-already-exited': ['institutions already exited', '已退出机构'],
  'institutions-passed-acceptance': ['institutions that passed acceptance', '通过验收的机构'],
  'institutions-withdrawn-since-rectification-began': ['institutions withdrawn since the rectification began', '整治以来退出的机构'],
  lenders: ['lenders', '出借人'],
  'lending-assistance-partners-stopped': ['lending-assistance partners stopped', '停止合作的助贷机构'],
  'lending-platform-profit-margin-per-loan': ['platform profit margin per loan', '平台单笔贷款利润率'],
  'loan-balance': ['loan balance', '借贷余额'],
  'on-site-consultations': ['on-site consultations', '现场咨询'],
  'online-lending-businesses-approved-or-filed': ['online lending businesses approved or filed', '获批或备案的网贷业务'],
  'online-lending-platform-collapses': ['online lending platform collapses', '网贷平台爆雷'],
  'online-lending-platforms': ['online lending platforms', '网贷平台'],
  'operating-institutions': ['operating institutions', '在运营机构'],
};

const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  institutions: ['institutions', '家'], platforms: ['platforms', '家'], businesses: ['businesses', '家'],
  complaints: ['complaints', '件'], loans: ['loans', '笔'], months: ['months', '个月'], partners: ['partners', '家'],
  percent: ['%', '%'], 'percent-change': ['%', '%'], 'person-times': ['person-times', '人次'], CNY: ['yuan', '元'],
};

const words = (slug: string | undefined): string => (slug ?? '').replace(/-/g, ' ');
const lineName = (line: string | undefined, lang: Lang): string =>
  line ? (lang === 'zh' ? LABELS.zh.businessLineNames[line] ?? words(line) : words(line)) : '';

/** A bank's or company's name: in Chinese its Chinese alias when it has one (微贷网, 乌鲁木齐银行). */
const partyName = (party: Party | undefined, lang: Lang): string =>
  !party ? '' : lang === 'zh' ? party.aliases?.find((alias) => /\p{Script=Han}/u.test(alias)) ?? party.name : party.name;

const QUALIFIERS: Readonly<Record<string, readonly [string, string]>> = {
  approximately: ['approximately ', '约'], nearly: ['nearly ', '近'], 'at-least': ['at least ', '至少'],
  'more-than': ['more than ', '超过'], 'at-most': ['at most ', '至多'],
};

function names(list: readonly string[] | undefined, lang: Lang): string {
  if (!list || list.length === 0) return '';
  const shown = list.slice(0, 3).join(lang === 'zh' ? '、' : ', ');
  if (lang === 'zh') return list.length > 3 ? `（${shown}等 ${list.length} 家）` : `（${shown}）`;
  return list.length > 3 ? ` (${shown} and ${list.length - 3} more)` : ` (${shown})`;
}

function english(fact: FactData): string {
  const n = (value: number) => formatNumber(value, 'en');
  const when = (e: FactData['effective']) => describeEffective(e, LABELS.en, 'en');
  const institutions = (count: number | undefined) =>
    [count === undefined ? 'a number of' : n(count), words(fact.businessLine), count === 1 ? 'institution' : 'institutions'].filter(Boolean).join(' ');
  const total = fact.cumulative ? `, in total as of ${when(fact.effective)}` : '';
  switch (fact.kind) {
    case 'BusinessLineProhibited': return `All ${words(fact.businessLine)} business prohibited`;
    case 'InstitutionsBanned':
      return `${institutions(fact.count)} banned${fact.batch ? ` (batch ${fact.batch.number} of ${fact.batch.of})` : ''}${total}${names(fact.names, 'en')}`;
    case 'InstitutionsClosed': return `${institutions(fact.count)} closed${total}${names(fact.names, 'en')}`;
    case 'InstitutionsRevoked': return `${institutions(fact.count)} had their licences revoked${total}${names(fact.names, 'en')}`;
    case 'InstitutionExitAnnounced':
      return `${partyName(fact.institution, 'en')} announced${fact.announced ? ` on ${when(fact.announced)}` : ''} its exit from ${words(fact.businessLine)}, effective ${when(fact.effective)}`;
    case 'StatisticReported': {
      const [metric] = METRICS[fact.metric ?? ''] ?? [words(fact.metric)];
      const [unit] = UNITS[fact.unit ?? ''] ?? [words(fact.unit)];
      const value = `${QUALIFIERS[fact.qualifier ?? '']?.[0] ?? ''}${fact.unit === 'percent-change' && (fact.value ?? 0) > 0 ? '+' : ''}${n(fact.value ?? 0)}`;
      const of = fact.institution ? `${partyName(fact.institution, 'en')}: ` : '';
      return `${of}${metric[0]?.toUpperCase()}${metric.slice(1)}: ${value}${unit === '%' ? '%' : ` ${unit}`}${fact.baseline ? ` since ${when(fact.baseline)}` : ''}, as of ${when(fact.effective)}`;
    }
    case 'NameRestrictionImposed': return `${fact.forbiddenWords?.length ?? 0} words forbidden in company names`;
    case 'PartnershipHalted': {
      const partners = fact.partnerCount !== undefined ? ` with ${n(fact.partnerCount)} ${fact.partnerCount === 1 ? 'partner' : 'partners'}` : names(fact.partners, 'en');
      return `${partyName(fact.bank, 'en')} halted new ${words(fact.businessLine)} partnerships${partners}`;
    }
    default: return words(fact.kind);
  }
}

function chinese(fact: FactData): string {
  const n = (value: number) => formatNumber(value, 'zh');
  const when = (e: FactData['effective']) => describeEffective(e, LABELS.zh, 'zh');
  const line = lineName(fact.businessLine, 'zh');
  const institutions = (count: number | undefined) => `${count === undefined ? '一批' : `${n(count)}家`}${line}机构`;
  const total = fact.cumulative ? `（截至${when(fact.effective)}累计）` : '';
  switch (fact.kind) {
    case 'BusinessLineProhibited': return `全面禁止${line}业务`;
    case 'InstitutionsBanned':
      return `取缔${institutions(fact.count)}${fact.batch ? `（第 ${fact.batch.number} 批，共 ${fact.batch.of} 批）` : ''}${total}${names(fact.names, 'zh')}`;
    case 'InstitutionsClosed': return `关闭${institutions(fact.count)}${total}${names(fact.names, 'zh')}`;
    case 'InstitutionsRevoked': return `吊销${institutions(fact.count)}的许可${total}${names(fact.names, 'zh')}`;
    case 'InstitutionExitAnnounced':
      return `${partyName(fact.institution, 'zh')}${fact.announced ? `于${when(fact.announced)}` : ''}宣布退出${line}业务，${when(fact.effective)}生效`;
    case 'StatisticReported': {
      const metric = METRICS[fact.metric ?? '']?.[1] ?? words(fact.metric);
      const unit = UNITS[fact.unit ?? '']?.[1] ?? words(fact.unit);
      const value = `${QUALIFIERS[fact.qualifier ?? '']?.[1] ?? ''}${fact.unit === 'percent-change' && (fact.value ?? 0) > 0 ? '+' : ''}${n(fact.value ?? 0)}${unit === '%' ? '%' : ` ${unit}`}`;
      const of = fact.institution ? `${partyName(fact.institution, 'zh')}：` : '';
      return `${of}${metric}${fact.baseline ? `（自${when(fact.baseline)}起）` : ''}：${value}，截至${when(fact.effective)}`;
    }
    case 'NameRestrictionImposed': return `公司名称中禁止使用 ${fact.forbiddenWords?.length ?? 0} 个词语`;
    case 'PartnershipHalted': {
      const partners = fact.partnerCount !== undefined ? `，涉及 ${n(fact.partnerCount)} 家合作机构` : names(fact.partners, 'zh');
      return `${partyName(fact.bank, 'zh')}停止新增${line}合作${partners}`;
    }
    default: return words(fact.kind);
  }
}

/** The fact in the page's language. */
export const factText = (fact: FactData, lang: Lang): string => (lang === 'zh' ? chinese(fact) : english(fact));
