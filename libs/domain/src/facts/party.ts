import type { PartyInput } from './fact-catalogue.js';
import type { Party } from '../notice/notice-events.js';

/** A stable id from a party's name: "Weidai" -> "weidai", "乌鲁木齐银行" stays as written. */
export const partyIdFromName = (name: string): string =>
  name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_/\\.,'"()]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');

export const toParty = (input: PartyInput): Party => ({
  id: input.id ?? partyIdFromName(input.name),
  name: input.name.trim(),
  aliases: [...new Set((input.aliases ?? []).map((alias) => alias.trim()))],
});
