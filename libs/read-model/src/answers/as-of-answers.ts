/*
 * The path of a point-in-time question, from the controller to the SQL and back:
 *   apps/api timeline.controller.ts (request parsing: time-params.ts)
 *   -> a Nest query handler (timeline.queries.ts), or an answer worker thread (answer-worker.ts)
 *   -> AsOfAnswers, here: which places (a jurisdiction, its descendants, its ancestors' bans) and which day
 *   -> TimelineReader.factHistories (../timeline-reader.ts): the candidates by index, whose SQL is
 *      the domain's mayHaveStartedBy (libs/domain timeline/started-by.ts)
 *   -> the domain's fold (factsAt, stateFromFacts, bansInForce, diff): what holds, how surely.
 */
import type { DateTime } from 'luxon';
import {
  BAN_KINDS, bansFromProjection, bansInForce, diff, factEntryOf, factsAt, halfDayOf, isLatestKnowledge, jurisdictions,
  jurisdictionStateFromProjection, nationalStateAt, nationalStateFromProjection, nextCursor, seriesOf, stateFromFacts, DEFAULT_PAGE,
  type FactShown, type JurisdictionState as DomainJurisdictionState,
  type BansPage, type SeriesMeasure, type SeriesPoint, type SeriesStep, type FactDiff, type FactHistory, type JurisdictionRecord, type JurisdictionState, type ListPage, type TimeQuery,
} from '../../../domain/src/index.js';
import type { ProjectedStateReader } from '../projection-reader.js';
import type { InstitutionRecord, InstitutionsPage, TimelineReader } from '../timeline-reader.js';
import { timelinePageOf, type TimelinePage } from './fact-timeline.js';
import { institutionStatus, type InstitutionState, type StatusFact } from './institution-status.js';
import {
  FULL_STATE, institutionStateAnswer, jurisdictionStateAnswer, nationalStateAnswer,
  type InstitutionStateAsAnswered, type JurisdictionStateAsAnswered, type NationalStateAsAnswered, type StateParts,
} from './state-parts.js';

export type NationalState = ReturnType<typeof nationalStateAt>;

export type JurisdictionStateWithInstitutions = JurisdictionState & {
  /** the page's window (by name) of the institutions located there, each with its status at the query */
  institutions: Array<InstitutionRecord & Pick<InstitutionState, 'status' | 'certainty' | 'since'>>;
  /** @asType integer */
  institutionsTotal: number;
  /** the cursor (`after`) of the next page while the facts, the statistics or the institutions go on; null on the last page */
  next: string | null;
};

export type BansAnswer = BansPage & { asOf: string; jurisdiction: string | null };
export type DiffAnswer = FactDiff & { jurisdiction: string | null };
export type JurisdictionTimelineAnswer = TimelinePage & { jurisdiction: { code: string; name: string } };
export type InstitutionTimelineAnswer = TimelinePage & { institution: InstitutionRecord };
export interface SeriesAnswer {
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly measure: SeriesMeasure;
  readonly step: SeriesStep;
  readonly from: string;
  readonly to: string;
  readonly knownAt: string | null;
  readonly recordedAt: string | null;
  readonly points: SeriesPoint[];
}

/** The institutions of a state answer that does not include them (include=institutions not asked). */
const NO_INSTITUTIONS: InstitutionsPage = { total: 0, institutions: [] };

/** The calendar day of an instant in a zone (the read models' index is by day). */
export const dayIn = (instant: DateTime, zone: string): string => instant.setZone(zone).toISODate() as string;

/** The jurisdiction and everything inside it (CN-GD: Guangdong, Guangzhou, Shenzhen). */
export const withDescendants = (code: string): readonly string[] => jurisdictions.within(code);

/** The jurisdictions containing it, whose prohibitions hold in it too (CN-440100: CN-GD, CN). */
const ancestorsOf = (code: string): string[] => jurisdictions.lineage(code).slice(1).map((record) => record.code);

/** Two sets of fact histories as one, in first-recorded order (the order the fold keeps). */
function mergeHistories(a: readonly FactHistory[], b: readonly FactHistory[]): FactHistory[] {
  if (b.length === 0) return [...a];
  const first = (history: FactHistory) => history.versions[0]?.position ?? history.retraction?.position ?? 0;
  return [...a, ...b].sort((x, y) => first(x) - first(y));
}

/**
 * The point-in-time answers: the domain's fold (libs/domain, the truth model) over the facts of
 * the places asked about that may have started by the query's day. The read models choose the
 * candidates by index, the fold decides what holds. Supersession of figures, corroborating
 * sources and disputes need a series' figures side by side, so no answer is cut from index counts
 * alone. Free of the framework: the query handlers call it in the API's thread, the answer workers
 * (answer-worker.ts) in theirs, the bench directly.
 *
 * A latest-knowledge question (no knownAt, recordedAt or recorded position) about places none of
 * whose projected rows are stale is answered from the projected point-in-time state instead (libs/domain
 * timeline/projection: the rows the projector keeps, sought by the question's half-day key), which
 * gives the same JSON as the fold (test/read-model/projected-answers.int-spec.ts).
 */
export interface AsOfAnswersOptions {
  /**
   * How long (ms) a latest-knowledge question about a day a live run's large place is stale at waits
   * for the projector computing it, before it folds (default 0: folds at once). The service waits
   * READ_YOUR_WRITES_TIMEOUT_MS: a place is computed in seconds at 1M events, where its fold takes
   * seconds and the nation's tens of seconds. A place stale throughout (a catch-up, a migration) folds at once.
   */
  readonly staleWaitMs?: number;
  /**
   * `report`: such a question is not waited for here but refused with PlaceBeingComputed (an answer
   * worker, which would be held by the wait: the API's thread waits and asks again).
   */
  readonly whileComputing?: 'wait' | 'report';
}

/** A question about a day a place the projector is computing is stale at (AsOfAnswersOptions.whileComputing `report`). */
export class PlaceBeingComputed extends Error {
  constructor() {
    super('a place of the question is being computed by the projector');
    this.name = 'PlaceBeingComputed';
  }
}

/** how often a question waiting for a place the projector is computing looks again (here, or asked again by the API's thread) */
export const STALE_POLL_MS = 25;

export class AsOfAnswers {
  private readonly staleWaitMs: number;
  private readonly whileComputing: 'wait' | 'report';

  constructor(private readonly reader: TimelineReader, options: AsOfAnswersOptions = {}) {
    this.staleWaitMs = options.staleWaitMs ?? 0;
    this.whileComputing = options.whileComputing ?? 'wait';
  }

  /**
   * The projected state when it answers `time` about `places` (null: every place) in `zone` (the
   * asked place's: the projection answers only when its places share it): latest knowledge, none of
   * them stale at the day asked (a place a live run left stale is so from its change's first day on;
   * while the projector computes it, waited for staleWaitMs at most, or reported).
   */
  private async projection(time: TimeQuery, places: readonly string[] | null, zone: string): Promise<ProjectedStateReader | null> {
    if (!isLatestKnowledge(time)) return null;
    const projected = this.reader.projectedState?.() ?? null;
    if (!projected) return null;
    const at = halfDayOf(time.asOf, zone);
    const deadline = performance.now() + this.staleWaitMs;
    while (await projected.anyDirty(places, at)) {
      if (await projected.anyStaleThroughout(places)) return null;
      if (this.whileComputing === 'report') throw new PlaceBeingComputed();
      if (performance.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, STALE_POLL_MS));
    }
    return projected;
  }

  async nationalState(
    time: TimeQuery, country: JurisdictionRecord, parts: StateParts = FULL_STATE, page: ListPage = DEFAULT_PAGE,
  ): Promise<NationalStateAsAnswered> {
    const projected = await this.projection(time, null, country.zone);
    const state = projected && (await nationalStateFromProjection(projected, time, jurisdictions, { country: country.code, page }));
    if (state) return nationalStateAnswer(state, parts);
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: dayIn(time.asOf, country.zone), recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return nationalStateAnswer(nationalStateAt(histories, time, jurisdictions, { country: country.code, page }), parts);
  }

  async jurisdictionState(
    time: TimeQuery, jurisdiction: JurisdictionRecord, page: ListPage = DEFAULT_PAGE, parts: StateParts = FULL_STATE,
  ): Promise<JurisdictionStateAsAnswered> {
    const inside = withDescendants(jurisdiction.code);
    const projected = await this.projection(time, [...inside, ...ancestorsOf(jurisdiction.code)], jurisdiction.zone);
    const state = projected && (await jurisdictionStateFromProjection(projected, jurisdiction.code, time, { page, facts: parts.facts, sources: parts.sources }, jurisdictions));
    if (projected && state) {
      if (!parts.institutions) return this.stateAnswer(state, NO_INSTITUTIONS, () => [], page, parts);
      // the institutions' statuses from the facts naming them that hold there, as the fold reads them (in their links' order)
      const shown = await this.reader.institutionsIn(inside, page, { factIds: false });
      const facts = await projected.institutionFactsAt(shown.institutions.map((institution) => institution.id), inside, halfDayOf(time.asOf, jurisdiction.zone));
      const byInstitution = new Map<string, StatusFact[]>();
      for (const fact of facts) byInstitution.set(fact.institutionId, [...(byInstitution.get(fact.institutionId) ?? []), fact]);
      return this.stateAnswer(state, shown, (id) => byInstitution.get(id) ?? [], page, parts);
    }
    const located = parts.institutions ? await this.reader.institutionsIn(inside, page) : NO_INSTITUTIONS;
    const cut = { recordedAt: time.recordedAt, recordedPosition: time.recordedPosition };
    const startedBy = dayIn(time.asOf, jurisdiction.zone);
    const [here, above] = await Promise.all([
      this.reader.factHistories({ jurisdictions: inside, startedBy, ...cut }),
      this.reader.factHistories({ jurisdictions: ancestorsOf(jurisdiction.code), kinds: ['BusinessLineProhibited'], startedBy, ...cut }),
    ]);
    const folded = factsAt(mergeHistories(here, above), time, jurisdictions);
    const byId = new Map(folded.map((fact) => [fact.factId, fact]));
    const factIds = new Map(located.institutions.map((institution) => [institution.id, institution.factIds]));
    return this.stateAnswer(stateFromFacts(folded, jurisdiction.code, time, jurisdictions, { page }), located,
      (id) => (factIds.get(id) ?? []).flatMap((factId) => byId.get(factId) ?? []), page, parts);
  }

  /** A jurisdiction's state with the page of its institutions, each with its status from `factsOf` (the facts naming it that hold there). */
  private stateAnswer(
    state: DomainJurisdictionState, located: InstitutionsPage, factsOf: (institutionId: string) => readonly StatusFact[], page: ListPage, parts: StateParts,
  ): JurisdictionStateAsAnswered {
    const institutions = located.institutions.map(({ factIds: _factIds, ...institution }) => ({
      ...institution, ...institutionStatus(factsOf(institution.id)),
    }));
    // the next page while a list the answer carries goes on (the facts and the institutions only when included)
    const longest = Math.max(parts.facts ? state.factsTotal : 0, state.statisticsTotal, parts.institutions ? located.total : 0);
    return jurisdictionStateAnswer({ ...state, institutions, institutionsTotal: located.total, next: nextCursor('state', page, longest) }, parts);
  }

  async bans(time: TimeQuery, jurisdiction: JurisdictionRecord | null, page: ListPage = DEFAULT_PAGE): Promise<BansAnswer> {
    const places = jurisdiction ? withDescendants(jurisdiction.code) : null;
    const zone = jurisdiction?.zone ?? jurisdictions.get('CN').zone;
    const projected = await this.projection(time, places, zone);
    const bans = projected && (await bansFromProjection(projected, jurisdiction?.code ?? null, time, page, jurisdictions));
    if (bans) return { asOf: time.asOf.toISO() as string, jurisdiction: jurisdiction?.code ?? null, ...bans };
    const histories = await this.reader.factHistories({ jurisdictions: places, kinds: BAN_KINDS, startedBy: dayIn(time.asOf, zone),
      recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return { asOf: time.asOf.toISO() as string, jurisdiction: jurisdiction?.code ?? null,
      ...bansInForce(histories, time, jurisdiction?.code, jurisdictions, page) };
  }

  async diff(from: TimeQuery, to: TimeQuery, jurisdiction: JurisdictionRecord | null, page: ListPage = DEFAULT_PAGE): Promise<DiffAnswer> {
    const later = from.asOf > to.asOf ? from : to;
    const histories = await this.reader.factHistories({
      jurisdictions: jurisdiction ? withDescendants(jurisdiction.code) : null,
      startedBy: dayIn(later.asOf, jurisdiction?.zone ?? 'Asia/Shanghai'),
      recordedAt: null,
    });
    return { ...diff(histories, from, to, jurisdiction?.code, jurisdictions, page), jurisdiction: jurisdiction?.code ?? null };
  }

  async timeline(jurisdiction: JurisdictionRecord, from: string | null, to: string | null, time: TimeQuery, page: ListPage = DEFAULT_PAGE): Promise<JurisdictionTimelineAnswer> {
    const histories = await this.reader.factHistories({
      jurisdictions: withDescendants(jurisdiction.code), startedBy: to, endsFrom: from, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition,
    });
    return { jurisdiction: { code: jurisdiction.code, name: jurisdiction.name }, ...timelinePageOf(histories, time, page) };
  }

  /**
   * A measure of a place at each of `points` (the ends of the steps of a range, seriesPoints of the
   * domain from `from`): the place's fact histories read once, up to the last point, and folded at
   * each point. `time` is the cut (knownAt, recordedAt) with asOf the last point.
   */
  async series(
    jurisdiction: JurisdictionRecord, measure: SeriesMeasure, step: SeriesStep, from: DateTime, points: readonly DateTime[], time: TimeQuery,
  ): Promise<SeriesAnswer> {
    const cut = { recordedAt: time.recordedAt, recordedPosition: time.recordedPosition };
    const startedBy = dayIn(time.asOf, jurisdiction.zone);
    const prohibition = measure.kind === 'prohibition';
    const [here, above] = await Promise.all([
      this.reader.factHistories({ jurisdictions: withDescendants(jurisdiction.code), kinds: prohibition ? ['BusinessLineProhibited'] : undefined, startedBy, ...cut }),
      prohibition ? this.reader.factHistories({ jurisdictions: ancestorsOf(jurisdiction.code), kinds: ['BusinessLineProhibited'], startedBy, ...cut }) : [],
    ]);
    const iso = (instant: DateTime | null | undefined) => (instant ? (instant.toISO() as string) : null);
    return {
      jurisdiction: { code: jurisdiction.code, name: jurisdiction.name }, measure, step,
      from: iso(from) as string, to: iso(points.at(-1)) as string, knownAt: iso(time.knownAt), recordedAt: iso(time.recordedAt),
      points: seriesOf(mergeHistories(here, above), jurisdiction.code, measure, points, { knownAt: time.knownAt, ...cut }, jurisdictions),
    };
  }

  /**
   * The institution's status at the query and the ids of the facts naming it that hold (the facts
   * themselves and their sources as `parts` asks); null when there is no such institution.
   */
  async institutionState(id: string, time: TimeQuery, parts: StateParts = FULL_STATE): Promise<InstitutionStateAsAnswered | null> {
    const institution = await this.reader.institution(id);
    if (!institution) return null;
    const folded = factsAt(await this.institutionHistories(id, time), time, jurisdictions);
    const facts = folded.map(factEntryOf);
    return institutionStateAnswer({
      institution, asOf: time.asOf.toISO() as string, ...institutionStatus(folded), factIds: facts.map((fact) => fact.factId), facts,
    }, parts);
  }

  /** The timeline of the facts naming the institution; null when there is no such institution. */
  async institutionTimeline(id: string, time: TimeQuery, page: ListPage = DEFAULT_PAGE): Promise<InstitutionTimelineAnswer | null> {
    const institution = await this.reader.institution(id);
    if (!institution) return null;
    return { institution, ...timelinePageOf(await this.institutionHistories(id, time), time, page) };
  }

  private institutionHistories(institutionId: string, time: TimeQuery): Promise<FactHistory[]> {
    return this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition, institutionId });
  }
}
