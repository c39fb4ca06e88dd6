import type { SeedNotice } from '../seed-notice.js';

/**
 * Facts from shared/research/timeline-facts.md: public secondary sources, none of them one of the
 * five source documents. Kept apart from the document seeds, and never correcting one: where a row
 * reports an event a document reports (a province's prohibition, Weidai's exit, the banks' halts), the
 * document's fact stands, the row's own effect is retired and the row corroborates that fact
 * (seeds/corroborations.ts, truth rule 3); where a row says something no document says (counts of
 * banned institutions, national figures), it is a fact of its own.
 *
 * - source: kind 'secondary', publisher the research notes, citedOutlet the outlet the row cites,
 *   url the address the notes give (with https:// added; null when they give none). Truth rule 6.
 * - quote: the research table's own wording (a row of it, whitespace collapsed), NOT a verbatim
 *   passage of the cited source.
 * - every fact's note starts with "confidence: <level>" as the notes rate it.
 * - published: the date the notes give for the announcement / publication.
 */
import { nationalFigures } from './national-figures.js';
import { provincialBans } from './provincial-bans.js';
import { lendingAssistance, weidai } from './weidai-and-banks.js';

export const researchSeeds: SeedNotice[] = [...provincialBans, ...nationalFigures, ...weidai, ...lendingAssistance];
