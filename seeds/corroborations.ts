import { documentSeeds } from './documents/index.js';
import { MEETING } from './documents/meeting-figures.js';
import { researchSeeds } from './research/index.js';
import { prohibitionOf, SIXTEEN_PROHIBIT } from './research/provincial-bans.js';
import type { SeedCorroboration, SeedNotice } from './seed-notice.js';

/** An effect of a seed notice: the seed's key and the effect's index. */
type EffectRef = readonly [seed: string, effect: number];

const MEETING_001 = 'src001-rectification-meeting';
const MEETING_002 = 'src002-rectification-meeting';
const MEETING_003 = 'src003-rectification-meeting';
const SAME_IN_002_AND_003 = [MEETING.operating, MEETING.operatingChange, MEETING.loanBalanceChange, MEETING.consecutiveMonths, MEETING.withdrawn];

/**
 * Events two seeds report (truth rule 3): [the retired duplicate, the fact that stands]. The fact
 * that stands is the document's over the research notes' (the notes never overrule a document), and
 * the first report of the meeting (001) over the later ones (002, 003).
 */
export const SAME_EVENTS: ReadonlyArray<readonly [duplicate: EffectRef, fact: EffectRef]> = [
  // the research notes' provincial bans of all P2P business are document 000's "16 have all announced"
  [['res-hunan-p2p-ban-2019-10-16', 0], [SIXTEEN_PROHIBIT, prohibitionOf('CN-HN')]],
  [['res-shandong-p2p-ban-2019-10-18', 0], [SIXTEEN_PROHIBIT, prohibitionOf('CN-SD')]],
  [['res-chongqing-p2p-ban-2019-11-08', 0], [SIXTEEN_PROHIBIT, prohibitionOf('CN-CQ')]],
  [['res-hebei-p2p-ban-2019-12-13', 0], [SIXTEEN_PROHIBIT, prohibitionOf('CN-HE')]],
  [['res-shanxi-p2p-ban-2020-01', 0], [SIXTEEN_PROHIBIT, prohibitionOf('CN-SX')]],
  ...['CN-SC', 'CN-HA', 'CN-YN', 'CN-GS'].map((code, index) =>
    [['res-four-provinces-p2p-ban-by-2020-01-08', index], [SIXTEEN_PROHIBIT, prohibitionOf(code)]] as const),
  // Weidai's exit
  [['res-weidai-exit-2020-05-31', 0], ['src000-weidai-exit', 0]],
  // the April 2020 meeting: 002 and 003 where they say what 001 says; 003's borrowers -62% is 002's
  ...SAME_IN_002_AND_003.map((effect) => [[MEETING_002, effect], [MEETING_001, effect]] as const),
  [[MEETING_002, MEETING.eightyPercent], [MEETING_001, MEETING.eightyPercent]],
  ...SAME_IN_002_AND_003.map((effect) => [[MEETING_003, effect], [MEETING_001, effect]] as const),
  [[MEETING_003, MEETING.sixtyTwoPercent], [MEETING_002, MEETING.sixtyTwoPercent]],
  // the banks' halts of 2025: document 004 and the research notes
  [['res-urumqi-bank-halt-2025-10-01', 0], ['src004-urumqi-bank-halt', 0]],
  [['res-longjiang-bank-halt-2025-11-05', 0], ['src004-longjiang-bank-halt', 0]],
];

const seedsByKey = new Map<string, SeedNotice>([...documentSeeds, ...researchSeeds].map((seed) => [seed.key, seed]));

/** The duplicate's own source, its quote and the date it gives the event, attached to the fact that stands. */
function corroboration([[from, index], [seed, effect]]: readonly [EffectRef, EffectRef]): SeedCorroboration {
  const duplicate = seedsByKey.get(from);
  const reported = duplicate?.notice.effects[index];
  if (!duplicate || !reported) throw new Error(`no effect ${index} in seed ${from}`);
  const { notice } = duplicate;
  return {
    key: `cor-${from}-${index}`,
    fact: { seed, effect },
    corroboration: {
      source: { ...notice.source, quote: reported.quote ?? notice.source.quote },
      title: notice.title,
      authority: notice.authority,
      published: notice.published,
      effective: reported.effective,
      ...(reported.note === undefined ? {} : { note: reported.note }),
    },
  };
}

/**
 * Facts reported by more than one source (truth rule 3): the later source is recorded as a
 * corroboration of the fact the earlier seed recorded, so the fact is listed once with both
 * sources and counted once; its window is what every source allows. Each comes from an effect its
 * own seed retires (same order as SAME_EVENTS).
 */
export const seedCorroborations: SeedCorroboration[] = SAME_EVENTS.map(corroboration);
