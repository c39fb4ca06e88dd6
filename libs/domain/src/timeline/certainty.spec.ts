import { DateTime } from 'luxon';
import { fuzzyDateInstants, parseFuzzyDate } from '../time/fuzzy-date.js';
import { certaintyAt } from './fold.js';

/** The definition: certain once the latest day has ended in the zone, possible from the start of the earliest. */
function byInstants(text: string, instant: DateTime, zone: string) {
  const { from, to } = fuzzyDateInstants(parseFuzzyDate(text), zone);
  if (to.toMillis() <= instant.toMillis()) return 'certain';
  if (from === null || from.toMillis() <= instant.toMillis()) return 'possible';
  return null;
}

const DATES = ['2020-06-30', '2020-06', '2020', '../2020-06-30', '2020-05-29/2020-06-30', '2020-03-08', '2020-11-01', '../2020'];
const ZONES = ['Asia/Shanghai', 'America/New_York', 'UTC'];

describe('certaintyAt agrees with the fuzzy date\'s instants in every zone', () => {
  const instants = (zone: string) => [
    ...['2020-05-28', '2020-05-29', '2020-06-15', '2020-06-30', '2020-07-01', '2020-03-08', '2020-11-01', '2021-01-01']
      .flatMap((day) => {
        const start = DateTime.fromISO(day, { zone });
        return [start, start.plus({ hours: 2 }), start.endOf('day').minus({ milliseconds: 1 }), start.endOf('day')];
      }),
    DateTime.fromISO('2020-06-30T15:59:59.999Z', { zone: 'utc' }),
    DateTime.fromISO('2020-06-30T16:00:00.000Z', { zone: 'utc' }),
  ];
  it.each(ZONES)('%s', (zone) => {
    for (const text of DATES) {
      for (const instant of instants(zone)) {
        expect([text, instant.toISO(), certaintyAt(parseFuzzyDate(text), instant, zone)])
          .toEqual([text, instant.toISO(), byInstants(text, instant, zone)]);
      }
    }
  });
});
