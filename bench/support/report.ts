/** One line of the printed table. */
export interface Row {
  readonly section: string;
  readonly figure: string;
  readonly value: string;
  readonly limit?: string;
  readonly ratio?: number;
  readonly target?: string;
  readonly verdict?: 'PASS' | 'GAP' | 'n/a';
}

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly value: number | null;
  readonly verdict: 'PASS' | 'GAP' | 'reported' | 'not measured';
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

/** A target met or not (or a figure only reported); null when its section did not run. */
export function target(name: string, value: number | null | undefined, goal: { atLeast?: number; atMost?: number; report?: true }): Target {
  const text = goal.report ? '(reported)' : goal.atLeast !== undefined ? `>= ${goal.atLeast}` : `<= ${goal.atMost}`;
  if (value === null || value === undefined || !Number.isFinite(value)) return { name, target: text, value: null, verdict: 'not measured' };
  if (goal.report) return { name, target: text, value, verdict: 'reported' };
  const met = goal.atLeast !== undefined ? value >= goal.atLeast : value <= goal.atMost!;
  return { name, target: text, value, verdict: met ? 'PASS' : 'GAP' };
}

/** Fixed-width text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const printRows = (rows: readonly Row[]): string =>
  table(['section', 'figure', 'value', 'limit (same work, raw)', 'ratio'],
    rows.map((r) => [r.section, r.figure, r.value, r.limit ?? '', r.ratio === undefined ? '' : fmt(r.ratio, 3)]));

export const printTargets = (targets: readonly Target[]): string =>
  table(['target', 'goal', 'measured', 'verdict'], targets.map((t) => [t.name, t.target, t.value === null ? '-' : fmt(t.value, 3), t.verdict]));
