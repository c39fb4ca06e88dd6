import type { SeedNotice } from '../seed-notice.js';

/**
 * Facts from shared/research/timeline-facts.md: public secondary sources, none of them one of the
 * five source documents. Kept apart from the document seeds; where they differ from a document,
 * both stand, each with its own source. Nothing here corrects or retracts a document fact.
 *
 * - source.document is the research notes; source.url and source.publisher are the secondary
 *   source the notes cite (url "as given there", with https:// added; null when the notes give no
 *   address).
 * - quote: the research table's own wording (a row of it, whitespace collapsed), NOT a verbatim
 *   passage of the cited source.
 * - every fact's note starts with "confidence: <level>" as the notes rate it.
 * - published: the date the notes give for the announcement / publication.
 */
import { nationalFigures } from './national-figures.js';
import { provincialBans } from './provincial-bans.js';
import { lendingAssistance, weidai } from './weidai-and-banks.js';

export const researchSeeds: SeedNotice[] = [...provincialBans, ...nationalFigures, ...weidai, ...lendingAssistance];
