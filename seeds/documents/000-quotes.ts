/** Document 000's verbatim passages and the names every seed of it shares. */
export const DOCUMENT = '000_75f2afc41285faae.txt';
export const HEADLINE = 'The acceleration of online loan cleaning has been banned in 16 area.';
export const PUBLISHED = '2020-05-31/2020-06-30';
export const source = (quote: string) => ({ document: DOCUMENT, publisher: 'unknown (document 000)', url: null, quote });
export const reportedIn = (description: string) => `${description} (reported in "${HEADLINE}")`;

export const ONLINE_LENDING = 'online-lending';

export const NINGXIA_NOTICES =
  'In the past two days, the local financial supervision administration of official website and Ningxia Hui ' +
  'Autonomous Region issued three consecutive notices, saying that in accordance with the relevant requirements of ' +
  'the state on the special rectification of Internet financial risks and P2P peer-to-peer lending risks, in order ' +
  'to further promote the rectification work in the region and resolve the stock risks, the autonomous region ' +
  'leading group for preventing and resolving financial risks decided to ban 28 online lending institutions in ' +
  'three batches in the region.';

export const NAME_RESTRICTION =
  'After the company\'s name and business scope are changed, the words "exchange, trading center, exchange, ' +
  'finance, asset management, wealth management, fund management, investment management (consulting), wealth ' +
  'management, equity investment fund, online loan, peer-to-peer lending, P2P, equity investment, equity ' +
  'crowdfunding, internet insurance and payment" shall not be used.';

export const HUBEI =
  'On May 29th, Hubei Provincial Local Financial Supervision Administration announced that Hubei Province has ' +
  'started to carry out special rectification of P2P peer-to-peer lending risk since 20 16.';

export const SIXTEEN =
  'So far, Hunan, Shandong, Chongqing, Henan, Sichuan, Yunnan, Hebei, Gansu, Shanxi, Inner Mongolia, Shaanxi, ' +
  'Jilin, Heilongjiang, Jiangxi, Anhui, and Hubei *** 16 have all announced that all online lending businesses ' +
  'within their jurisdiction are prohibited';

export const DISCLOSED_BANS = 'In addition, Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions';
export const PUBLISHED_REVOCATIONS =
  'while Shenzhen, Xinjiang and other places have also published a number of revoked online lending institutions.';

export const WEIDAI_EXIT =
  'the micro-loan network, a listed company in the US stock market, announced on May 3 1 day that based on national ' +
  'policies and industry trends, the micro-loan network will quit the online loan industry before June 30, 2020 and ' +
  'will no longer operate online loan information intermediary business.';

/** The 16 provinces in the order the text lists them, with the name it uses. */
export const SIXTEEN_PROVINCES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['CN-HN', 'Hunan'],
  ['CN-SD', 'Shandong'],
  ['CN-CQ', 'Chongqing'],
  ['CN-HA', 'Henan'],
  ['CN-SC', 'Sichuan'],
  ['CN-YN', 'Yunnan'],
  ['CN-HE', 'Hebei'],
  ['CN-GS', 'Gansu'],
  ['CN-SX', 'Shanxi'],
  ['CN-NM', 'Inner Mongolia'],
  ['CN-SN', 'Shaanxi'],
  ['CN-JL', 'Jilin'],
  ['CN-HL', 'Heilongjiang'],
  ['CN-JX', 'Jiangxi'],
  ['CN-AH', 'Anhui'],
  ['CN-HB', 'Hubei'],
];
