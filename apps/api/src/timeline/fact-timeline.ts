import {
  citationOf, isRecordedBy, summary, type FactHistory, type RecordedCut, type RecordedMark, type FuzzyDate, type SourceCitation,
} from '../../../../libs/domain/src/index.js';

export interface TimelineChange {
  readonly kind: 'correction' | 'retraction';
  readonly recordedAt: string;
  /** who recorded it: the API key's name */
  readonly actor: string | null;
  readonly position: number;
  readonly reason: string;
  /** for a correction: the fact as corrected */
  readonly summary: string | null;
  readonly effective: FuzzyDate | null;
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
  readonly sources: readonly SourceCitation[];
}

/** Facts in effective-date order, each with its corrections and retraction beside the original. */
export function timelineOf(histories: readonly FactHistory[], recorded: RecordedCut): TimelineEntry[] {
  const cut = (mark: RecordedMark) => isRecordedBy(mark, recorded);
  const visible = histories.filter((history) => history.versions[0] !== undefined && cut(history.versions[0]));
  return visible.map((history) => {
    const versions = history.versions.filter(cut);
    const original = versions[0] ?? history.versions[0]!;
    const current = versions[versions.length - 1] ?? original;
    const retraction = history.retraction && cut(history.retraction) ? history.retraction : null;
    const changes: TimelineChange[] = [
      ...versions.slice(1).map((version): TimelineChange => ({
        kind: 'correction', recordedAt: version.recordedAt, actor: version.actor ?? null, position: version.position, reason: version.reason ?? '',
        summary: summary(version.content), effective: version.content.effective,
      })),
      ...(retraction ? [{ kind: 'retraction' as const, recordedAt: retraction.recordedAt, actor: retraction.actor ?? null, position: retraction.position,
        reason: retraction.reason, summary: null, effective: null }] : []),
    ];
    return {
      factId: history.factId,
      noticeId: history.noticeId,
      type: current.content.kind,
      jurisdiction: current.content.jurisdiction,
      effective: current.content.effective,
      published: current.content.source.published,
      summary: summary(current.content),
      status: (retraction ? 'retracted' : versions.length > 1 ? 'corrected' : 'recorded') as TimelineEntry['status'],
      original: {
        summary: summary(original.content), effective: original.content.effective, recordedAt: original.recordedAt,
        position: original.position, actor: original.actor ?? null,
      },
      changes,
      sources: [citationOf(current.content.source)],
    };
  }).sort((a, b) => (a.effective.latest === b.effective.latest ? a.factId.localeCompare(b.factId) : a.effective.latest < b.effective.latest ? -1 : 1));
}
