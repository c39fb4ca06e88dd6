/**
 * The human-readable summaries of the service's answers (`--json` prints the answers as given).
 * Only the fields summarised are read here; everything else is in --json.
 */
interface FuzzyDate { readonly text?: string | null }
interface Fact {
  readonly jurisdiction?: string;
  readonly type?: string;
  readonly effective?: FuzzyDate | null;
  readonly summary?: string;
  readonly inForce?: string | null;
  readonly status?: string | null;
}
interface Count { readonly value?: number | null; readonly effective?: FuzzyDate | null; readonly inForce?: string | null }
type Counts = Record<string, Count | null | undefined>;
interface Place { readonly code?: string; readonly name?: string }

const when = (date: FuzzyDate | null | undefined): string => date?.text ?? '?';
const maybe = (inForce: string | null | undefined): string => (inForce && inForce !== 'certain' ? ` (${inForce})` : '');
const columns = (rows: string[][]): string[] => {
  const widths = rows.reduce<number[]>((acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
};
const factRows = (facts: readonly Fact[], mark = ''): string[][] =>
  facts.map((fact) => [`${mark}${fact.jurisdiction ?? ''}`, fact.type ?? '', when(fact.effective), `${fact.summary ?? ''}${maybe(fact.inForce)}`]);
const shown = (count: number, total: number | undefined, what: string): string =>
  total !== undefined && total > count ? ` (showing ${count} of ${total} ${what}: --after the answer's next for more)` : '';
const countsLine = (counts: Counts | undefined): string => {
  const parts = Object.entries(counts ?? {}).flatMap(([kind, count]) =>
    count && count.value !== null && count.value !== undefined ? [`${kind} ${count.value} (${when(count.effective)})${maybe(count.inForce)}`] : []);
  return parts.length > 0 ? parts.join(', ') : 'none recorded';
};

export function bansText(answer: { asOf?: string; jurisdiction?: string | null; bans?: readonly Fact[]; total?: number }): string {
  const bans = answer.bans ?? [];
  const lines = [`Bans in force on ${answer.asOf} in ${answer.jurisdiction ?? 'all of China'}: ${answer.total ?? bans.length}${shown(bans.length, answer.total, 'bans')}`];
  return [...lines, ...columns(factRows(bans))].join('\n');
}

interface NationalState {
  asOf?: string;
  prohibitedByBusinessLine?: Record<string, ReadonlyArray<{ code?: string; since?: FuzzyDate | null; certainty?: string | null }>>;
  national?: { counts?: Counts };
}
interface PlaceState {
  asOf?: string;
  jurisdiction?: Place;
  businessLines?: ReadonlyArray<{ businessLine?: string; prohibited?: boolean; since?: FuzzyDate | null; certainty?: string | null }>;
  counts?: Counts;
  facts?: readonly Fact[];
  factsTotal?: number;
}

export function nationalText(answer: NationalState): string {
  const lines = [`All of China as of ${answer.asOf}`];
  for (const [line, places] of Object.entries(answer.prohibitedByBusinessLine ?? {})) {
    lines.push(`  ${line} prohibited in ${places.length} jurisdictions:`);
    lines.push(...columns(places.map((place) => [`  ${place.code ?? ''}`, `since ${when(place.since)}${maybe(place.certainty)}`])));
  }
  lines.push(`  national counts: ${countsLine(answer.national?.counts)}`);
  return lines.join('\n');
}

export function placeText(answer: PlaceState): string {
  const place = answer.jurisdiction ?? {};
  const lines = [`${place.name ?? place.code} (${place.code}) as of ${answer.asOf}`];
  for (const line of answer.businessLines ?? []) {
    lines.push(`  ${line.businessLine}: ${line.prohibited ? `prohibited since ${when(line.since)}${maybe(line.certainty)}` : 'not prohibited'}`);
  }
  lines.push(`  counts: ${countsLine(answer.counts)}`);
  const facts = answer.facts ?? [];
  lines.push(`  facts in force: ${answer.factsTotal ?? facts.length}${shown(facts.length, answer.factsTotal, 'facts')}`);
  lines.push(...columns(factRows(facts).map((row) => ['  ', ...row.slice(1)])));
  return lines.join('\n');
}

export function timelineText(answer: { jurisdiction?: Place; facts?: readonly Fact[]; total?: number }): string {
  const facts = answer.facts ?? [];
  const place = answer.jurisdiction ?? {};
  const rows = facts.map((fact) => [when(fact.effective), fact.type ?? '', `${fact.summary ?? ''}${fact.status && fact.status !== 'recorded' ? ` [${fact.status}]` : ''}`]);
  return [`${place.name ?? place.code} (${place.code}): ${answer.total ?? facts.length} facts${shown(facts.length, answer.total, 'facts')}`, ...columns(rows)].join('\n');
}

export function diffText(answer: { from?: string; to?: string; started?: readonly Fact[]; ended?: readonly Fact[]; startedTotal?: number; endedTotal?: number }): string {
  const started = answer.started ?? [];
  const ended = answer.ended ?? [];
  return [
    `From ${answer.from} to ${answer.to}: ${answer.startedTotal ?? started.length} started, ${answer.endedTotal ?? ended.length} ended`
      + shown(Math.max(started.length, ended.length), Math.max(answer.startedTotal ?? 0, answer.endedTotal ?? 0), 'per list'),
    ...columns([...factRows(started, '+ '), ...factRows(ended, '- ')]),
  ].join('\n');
}
