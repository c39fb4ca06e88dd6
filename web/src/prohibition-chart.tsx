import type { Prohibition } from './api.js';
import { dayNumber, FIRST_DAY, today } from './dates.js';
import type { Labels } from './i18n.js';

const WIDTH = 600;
const HEIGHT = 120;
const PAD = 24;

/** Step line of how many provinces prohibit online lending, from each prohibition's start. */
function steps(days: readonly number[], total: number, max: number): string {
  const x = (day: number) => PAD + (day / total) * (WIDTH - 2 * PAD);
  const points: string[] = [`M${x(0)},${HEIGHT - PAD}`];
  let level = 0;
  const y = (n: number) => HEIGHT - PAD - (n / max) * (HEIGHT - 2 * PAD);
  for (const day of [...days].sort((a, b) => a - b)) {
    points.push(`H${x(day)}`);
    level++;
    points.push(`V${y(level)}`);
  }
  points.push(`H${x(total)}`);
  return points.join(' ');
}

/**
 * Hand-drawn SVG (no chart library needed for one step line): provinces certainly prohibiting
 * by each day (the latest possible start) and possibly prohibiting (the earliest possible start).
 */
export function ProhibitionChart({ prohibitions, provinces, max, title, asOf, labels }: {
  readonly prohibitions: readonly Prohibition[];
  /** the places of the scope counted (the provinces for all of China, else the place shown) */
  readonly provinces: ReadonlySet<string>;
  /** the top of the scale: 34 provincial-level divisions, or the places in scope */
  readonly max: number;
  readonly title: string;
  readonly asOf: string;
  readonly labels: Labels;
}) {
  const total = dayNumber(today());
  const inProvinces = prohibitions.filter((p) => provinces.has(p.code));
  const certainDays = inProvinces.map((p) => dayNumber(p.since.latest ?? p.since.earliest ?? today()));
  const possibleDays = inProvinces.map((p) => Math.max(0, dayNumber(p.since.earliest ?? FIRST_DAY)));
  const cursor = PAD + (Math.min(Math.max(dayNumber(asOf), 0), total) / total) * (WIDTH - 2 * PAD);
  const years = Array.from({ length: Number(today().slice(0, 4)) - 2015 }, (_, i) => 2016 + i);
  return (
    <figure class="chart" data-places={inProvinces.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${inProvinces.length}`}>
        {years.map((year) => {
          const x = PAD + (dayNumber(`${year}-01-01`) / total) * (WIDTH - 2 * PAD);
          return (
            <g key={year}>
              <line x1={x} x2={x} y1={PAD} y2={HEIGHT - PAD} class="grid" />
              <text x={x + 2} y={HEIGHT - 8} class="axis">{year}</text>
            </g>
          );
        })}
        <text x={2} y={PAD + 4} class="axis">{max}</text>
        <text x={2} y={HEIGHT - PAD} class="axis">0</text>
        <path d={steps(possibleDays, total, max)} class="line-possible" />
        <path d={steps(certainDays, total, max)} class="line-certain" />
        <line x1={cursor} x2={cursor} y1={PAD - 8} y2={HEIGHT - PAD} class="cursor" />
      </svg>
      <ul class="chart-key">
        <li><span class="key-certain" aria-hidden="true" />{labels.prohibitedChartCertain}</li>
        <li><span class="key-possible" aria-hidden="true" />{labels.prohibitedChartPossible}</li>
      </ul>
    </figure>
  );
}
