import type { FactInput } from '../../libs/domain/src/index.js';
import { FIRST_DAY, Rng, clampDay, dayOf, isoOf } from './vocabulary.js';

/** A correction of a generated fact, as editors make them: a count or figure misread, or a date stated more precisely. */
export function correctedOf(rng: Rng, input: FactInput): FactInput {
  const copy = structuredClone(input);
  switch (copy.type) {
    case 'InstitutionsBanned':
    case 'InstitutionsClosed':
    case 'InstitutionsRevoked':
      if (copy.count !== undefined) copy.count = Math.max(copy.count + rng.int(-3, 10), copy.names?.length ?? 0);
      else copy.count = Math.max(rng.int(1, 50), copy.names?.length ?? 0);
      return copy;
    case 'StatisticReported':
      copy.value = copy.unit === 'percent' ? Math.round(rng.next() * 1000) / 10 : Math.max(0, Math.round(copy.value * (0.8 + rng.next() * 0.4)));
      return copy;
    default: {
      // the commonest correction of all: a date stated more precisely, or a day off
      const parsed = /^(\d{4})(?:-(\d{2}))?/.exec(copy.effective.replace(/^\.\.\//, ''));
      const day = parsed ? clampDay(dayOf(`${parsed[1]}-${parsed[2] ?? '01'}-01`) + rng.int(0, 27)) : FIRST_DAY;
      copy.effective = isoOf(day);
      return copy;
    }
  }
}
