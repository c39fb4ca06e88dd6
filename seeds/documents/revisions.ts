import type { SeedNotice } from '../seed-notice.js';

/**
 * Why the seeds of this release differ from the release of 2026-11 (test/fixtures/seeds-2026-11.json).
 * A data dir that loaded that release gets each reason with a FactCorrected of the effect.
 */

/** Documents 000-003 (truth rule 6). */
export const TRANSLATION =
  'Source kind (truth rule 6): the document is an English machine translation of a Chinese report, so the quoted ' +
  'words are the translation\'s, not the outlet\'s: kind "translation", publisher the (unknown) machine translation, ' +
  'citedOutlet the original outlet where the text names it.';

/** Document 004 (truth rule 6). */
export const SUMMARY =
  'Source kind (truth rule 6): the English text of document 004 is Reportify\'s summary (it ends "- Reportify") under ' +
  'Xin Jing Bao\'s Chinese headline, so the quoted words are Reportify\'s: kind "summary", publisher Reportify, ' +
  'citedOutlet Xin Jing Bao.';

/** The research notes (truth rule 6). */
export const SECONDARY =
  'Source kind (truth rule 6): the quote is a row of the research notes\' table, not the cited outlet\'s words: kind ' +
  '"secondary", publisher the research notes, citedOutlet the outlet the row cites (formerly shown as the publisher).';

/** Truth rule 1: the open "on or before" date this effect had. */
export const BOUNDED = 'Date bounded below (truth rule 1): an "on or before" date was possible on every earlier day.';

/** Truth rule 3: the reason a duplicate effect is retired, naming the fact that now carries its source. */
export const sameEventAs = (seed: string, effect: number, what: string): string =>
  `Same event as ${seed} effect ${effect} (${what}): recorded once (truth rule 3); this source is attached to that fact ` +
  'as a corroboration (seeds/corroborations.ts), so it is listed with both sources and counted once.';

/**
 * The seed with a revision reason for each of its effects that is not retired: `shared` (the change every
 * effect of the notice shares, e.g. its source kind) after the effect's own reason, when it has one.
 */
export function amended(
  seed: SeedNotice, shared: string, changes: { revised?: Record<number, string>; retired?: Record<number, string> } = {},
): SeedNotice {
  const retired = changes.retired ?? {};
  const revisions: Record<number, string> = {};
  seed.notice.effects.forEach((_, index) => {
    if (retired[index] !== undefined) return;
    const own = changes.revised?.[index];
    revisions[index] = own === undefined ? shared : `${own} ${shared}`;
  });
  return { ...seed, revisions, ...(Object.keys(retired).length > 0 ? { retired } : {}) };
}
