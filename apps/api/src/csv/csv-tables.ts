import { jurisdictions, offsetOfCursor } from '../../../../libs/domain/src/index.js';

/**
 * The CSV form of the point-in-time answers: which list of an answer becomes the rows (one row per
 * fact, place or point) and its columns. Values are flattened: a date as its text and its first and
 * last day, a list (sources, names) joined by line breaks inside one quoted field. The answers are
 * read as their JSON (the form the answer cache and the workers give).
 */
type Row = Record<string, any>;
type Value = string | number | boolean | null;
export interface CsvColumn {
  readonly header: string;
  readonly value: (row: Row) => Value;
}
export interface CsvTable {
  /** the rows of the answer, in the answer's order */
  readonly rows: (answer: Row) => Row[];
  readonly columns: readonly CsvColumn[];
  /** whether the rows' list goes on after this page, when the answer pages other lists too (default: as the answer's next says) */
  readonly continues?: (answer: Row) => boolean;
}
export const CSV_TABLES = ['national-state', 'jurisdiction-state', 'bans', 'timeline', 'series'] as const;
export type CsvTableName = (typeof CSV_TABLES)[number];

const column = (header: string, value: (row: Row) => Value = (row) => row[header] ?? null): CsvColumn => ({ header, value });
const lines = (values: readonly unknown[] | null | undefined): string => (values ?? []).map(String).join('\n');

const dateColumns = (name: string, of: (row: Row) => Row | null = (row) => row[name]): CsvColumn[] => [
  column(name, (row) => of(row)?.text ?? null),
  column(`${name}Earliest`, (row) => of(row)?.earliest ?? null),
  column(`${name}Latest`, (row) => of(row)?.latest ?? null),
];

const sourceColumns: CsvColumn[] = [
  column('sourceDocuments', (row) => lines(row.sources?.map((source: Row) => source.document))),
  column('sourcePublishers', (row) => lines(row.sources?.map((source: Row) => source.publisher))),
  column('sourceQuotes', (row) => lines(row.sources?.map((source: Row) => source.quote))),
];

const factColumns: CsvColumn[] = [column('factId'), column('type'), column('nature'), column('jurisdiction'), ...dateColumns('effective')];

/** A count's value: empty when there is none, `unknown` when its facts give no number ("a number of"). */
const countValue = (figure: Row | null | undefined): Value => (figure ? figure.value ?? 'unknown' : null);
const COUNTS = ['banned', 'closed', 'revoked', 'exited', 'operating'] as const;

const placeColumns: CsvColumn[] = [
  column('code'), column('name'), column('onlineLendingProhibited'), column('certainty'),
  column('prohibitedBusinessLines', (row) => lines(row.businessLines?.filter((line: Row) => line.prohibited).map((line: Row) => line.businessLine))),
  ...COUNTS.map((count) => column(count, (row) => countValue(row.counts?.[count]))),
];

const seriesColumns: CsvColumn[] = [
  column('date'), column('at'),
  column('prohibited', (row) => row.prohibition?.prohibited ?? null),
  column('certainty', (row) => row.prohibition?.certainty ?? row.count?.certainty ?? row.figure?.certainty ?? null),
  ...dateColumns('since', (row) => row.prohibition?.since ?? null),
  column('value', (row) => ('count' in row ? countValue(row.count) : row.figure?.value ?? null)),
  column('unit', (row) => row.figure?.unit ?? null),
  column('qualifier', (row) => row.count?.qualifier ?? row.figure?.qualifier ?? null),
  column('partial', (row) => row.count?.partial ?? null),
  column('disputed', (row) => row.count?.disputed ?? row.figure?.disputed ?? null),
  ...dateColumns('effective', (row) => row.count?.effective ?? row.figure?.effective ?? null),
  column('factIds', (row) => lines(row.prohibition ? [row.prohibition.factId].filter(Boolean) : row.count ? row.count.factIds : row.figure ? [row.figure.factId] : [])),
];

export const csvTables: Readonly<Record<CsvTableName, CsvTable>> = {
  // the nation first, then each place the answer lists
  'national-state': {
    rows: (answer) => {
      const online = answer.national.businessLines.find((line: Row) => line.businessLine === 'online-lending');
      const country = jurisdictions.get('CN');
      const nation = { code: country.code, name: country.name, onlineLendingProhibited: online?.prohibited ?? false, certainty: online?.certainty ?? null, ...answer.national };
      return [nation, ...answer.jurisdictions];
    },
    columns: placeColumns,
  },
  // the answer's next (the cursor of the next page's offset) goes on while its facts or its institutions do: the CSV's rows are the facts
  'jurisdiction-state': {
    rows: (answer) => answer.facts,
    continues: (answer) => typeof answer.next === 'string' && (offsetOfCursor('state', answer.next) ?? 0) < answer.factsTotal,
    columns: [...factColumns, ...dateColumns('published'), column('status'), column('inForce'), column('known'), column('summary'),
      column('disputedWith', (row) => lines(row.disputedWith)), column('corrections'), ...sourceColumns],
  },
  bans: {
    rows: (answer) => answer.bans,
    columns: [...factColumns, column('inForce'), column('known'), column('summary'), column('businessLine'), column('count'),
      column('batch', (row) => (row.batch ? `${row.batch.number}/${row.batch.of}` : null)), column('names', (row) => lines(row.names)),
      column('institution'), column('disputedWith', (row) => lines(row.disputedWith)), ...sourceColumns],
  },
  timeline: {
    rows: (answer) => answer.facts,
    columns: [column('factId'), column('noticeId'), column('type'), column('nature'), column('jurisdiction'), ...dateColumns('effective'),
      ...dateColumns('published'), column('status'), column('summary'), column('originalSummary', (row) => row.original?.summary ?? null),
      column('changes', (row) => lines(row.changes?.map((change: Row) => `${change.kind} at position ${change.position}: ${change.reason}`))),
      column('supersededBy', (row) => row.supersededBy?.factId ?? null), ...sourceColumns],
  },
  // one row per point; a statistic's point has a row per figure (or one empty row when there is none)
  series: {
    rows: (answer) => answer.points.flatMap((point: Row) => (Array.isArray(point.figures)
      ? (point.figures.length === 0 ? [{ date: point.date, at: point.at, figure: null }]
        : point.figures.map((figure: Row) => ({ date: point.date, at: point.at, figure })))
      : [point])),
    columns: seriesColumns,
  },
};
