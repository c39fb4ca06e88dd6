import {
  citationOf, figureSeriesOf, isRecordedBy, laterWindowFirst, summary, factAsRecorded, type FactData, type FactHistory, nextCursor, type ListPage, type RecordedCut,
  type RecordedMark, type FuzzyDate, type SourceCitation,
} from '../../../domain/src/index.js';

export interface TimelineChange {
  /** a correction of the fact, another source reporting it, or its retraction */
  readonly kind: 'correction' | 'corroboration' | 'retraction';
  readonly recordedAt: string;
  /** who recorded it: the API key's name */
  readonly actor: string | null;
  /** @asType integer */
  readonly position: number;
  readonly reason: string;
  /** for a correction: the fact as corrected */
  readonly summary: string | null;
  /** a correction's new date, or the date a corroborating source gives */
  readonly effective: FuzzyDate | null;
  /** a corroboration's source */
  readonly source?: SourceCitation;
}

export interface TimelineEntry {
  readonly factId: string;
  readonly noticeId: string;
  readonly type: string;
  readonly jurisdiction: string;
  readonly effective: FuzzyDate;
  readonly published: FuzzyDate;
  /** the fact as currently recorded (after corrections) */
  readonly summary: string;
  readonly status: 'recorded' | 'corrected' | 'retracted';
  /** what the fact said when first recorded, shown beside its corrections */
  readonly original: {
    readonly summary: string; readonly effective: FuzzyDate; readonly recordedAt: string; readonly position: number; readonly actor: string | null;
  };
  readonly changes: readonly TimelineChange[];
  /** every source: its own, then the corroborating ones */
  readonly sources: readonly SourceCitation[];
  /** 'figure': a snapshot as of its date; 'action': holds from its date */
  readonly nature: 'action' | 'figure';
  /** a figure: the later figure of its series that supersedes it (it ends there), null while it is the latest */
  readonly supersededBy: { readonly factId: string; readonly effective: FuzzyDate } | null;
}

/** A page of a timeline: the window of its facts, and how many there are in all. */
export interface TimelinePage {
  readonly facts: TimelineEntry[];
  /** @asType integer */
  readonly total: number;
  /** the cursor (`after`) of the next page; null on the last page */
  readonly next: string | null;
}

/** Facts in effective-date order, each with its corrections, corroborations and retraction beside the original. */
export function timelineOf(histories: readonly FactHistory[], recorded: RecordedCut): TimelineEntry[] {
  return timelineWindow(histories, recorded, null).facts;
}

/** The page's window of the timeline (the same order as timelineOf; only the facts shown are written out). */
export function timelinePageOf(histories: readonly FactHistory[], recorded: RecordedCut, page: ListPage): TimelinePage {
  const { facts, total } = timelineWindow(histories, recorded, page);
  return { facts, total, next: nextCursor('timeline', page, total) };
}

function timelineWindow(histories: readonly FactHistory[], recorded: RecordedCut, page: ListPage | null): { facts: TimelineEntry[]; total: number } {
  const cut = (mark: RecordedMark) => isRecordedBy(mark, recorded);
  const visible = histories.filter((history) => history.versions[0] !== undefined && cut(history.versions[0]));
  const shown = visible.map((history) => {
    const versions = history.versions.filter(cut);
    const original = versions[0] ?? history.versions[0]!;
    const retraction = history.retraction && cut(history.retraction) ? history.retraction : null;
    // the content as the fold sees it (window narrowed by its sources); a retracted one as it last read
    const asRecorded = factAsRecorded({ ...history, retraction: null }, recorded);
    const content = asRecorded?.content ?? original.content;
    const corroborations = (history.corroborations ?? []).filter(cut);
    const changes: TimelineChange[] = [
      ...versions.slice(1).map((version): TimelineChange => ({
        kind: 'correction', recordedAt: version.recordedAt, actor: version.actor ?? null, position: version.position, reason: version.reason ?? '',
        summary: summary(version.content), effective: version.content.effective,
      })),
      ...corroborations.map((corroboration): TimelineChange => ({
        kind: 'corroboration', recordedAt: corroboration.recordedAt, actor: corroboration.actor ?? null, position: corroboration.position,
        reason: corroboration.note ?? '', summary: null, effective: corroboration.effective, source: citationOf(corroboration.source),
      })),
      ...(retraction ? [{ kind: 'retraction' as const, recordedAt: retraction.recordedAt, actor: retraction.actor ?? null, position: retraction.position,
        reason: retraction.reason, summary: null, effective: null }] : []),
    ].sort((a, b) => a.position - b.position);
    return { history, content, retraction, original, versions, changes, sources: (asRecorded?.sources ?? [content.source]).map(citationOf) };
  });
  const supersededBy = supersessions(shown.filter((entry) => entry.retraction === null).map((entry) => ({ factId: entry.history.factId, content: entry.content })));
  // effective-date order (latest end of the window), then fact id; a page writes out only its window
  shown.sort((a, b) => (a.content.effective.latest === b.content.effective.latest ? a.history.factId.localeCompare(b.history.factId)
    : a.content.effective.latest < b.content.effective.latest ? -1 : 1));
  const window = page === null ? shown : shown.slice(page.offset, page.offset + page.limit);
  const facts = window.map(({ history, content, retraction, original, versions, changes, sources }): TimelineEntry => ({
    factId: history.factId,
    noticeId: history.noticeId,
    type: content.kind,
    jurisdiction: content.jurisdiction,
    effective: content.effective,
    published: content.source.published,
    summary: summary(content),
    status: retraction ? 'retracted' : versions.length > 1 ? 'corrected' : 'recorded',
    original: {
      summary: summary(original.content), effective: original.content.effective, recordedAt: original.recordedAt,
      position: original.position, actor: original.actor ?? null,
    },
    changes,
    sources,
    nature: figureSeriesOf(content) === null ? 'action' : 'figure',
    supersededBy: supersededBy.get(history.factId) ?? null,
  }));
  return { facts, total: shown.length };
}

/** For each figure, the next figure of its series by date (truth rule 2: it ends where that one starts). */
function supersessions(facts: ReadonlyArray<{ factId: string; content: FactData }>): Map<string, { factId: string; effective: FuzzyDate }> {
  const series = new Map<string, Array<{ factId: string; content: FactData }>>();
  for (const fact of facts) {
    const key = figureSeriesOf(fact.content);
    if (key !== null) series.set(key, [...(series.get(key) ?? []), fact]);
  }
  const next = new Map<string, { factId: string; effective: FuzzyDate }>();
  for (const figures of series.values()) {
    const ordered = [...figures].sort((a, b) => laterWindowFirst(b.content.effective, a.content.effective));
    for (const [index, figure] of ordered.entries()) {
      const later = ordered.slice(index + 1).find((other) => laterWindowFirst(other.content.effective, figure.content.effective) < 0);
      if (later) next.set(figure.factId, { factId: later.factId, effective: later.content.effective });
    }
  }
  return next;
}
