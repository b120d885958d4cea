/**
 * Bench results: a console table, bench/results/latest.{json,md}, and the
 * README's Performance section (between its bench markers). Each row shows
 * canonjs, jco and the floor with the ratios canonjs/jco and canonjs/floor
 * and, where the issue sets one, the target and whether it is met.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import type { Cell, Row, Target } from './harness.js';
import { SETTINGS, isNa } from './harness.js';

export interface Results {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  settings: typeof SETTINGS;
  /** wall time of the whole run, seconds */
  seconds?: number;
  rows: Row[];
}

export function results(rows: Row[], seconds?: number): Results {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    settings: SETTINGS,
    ...(seconds === undefined ? {} : { seconds }),
    rows,
  };
}

// ───────────────────────── numbers ─────────────────────────

/** ns → "12.3 ns" / "4.56 µs" / "7.89 ms" / "1.23 s"; bytes → "3033 B" (exact below 10 KiB, where targets sit) / "47.7 KiB". */
export function formatValue(value: number, unit: Row['unit']): string {
  if (unit === 'bytes') return value < 10 * 1024 ? `${Math.round(value)} B` : `${(value / 1024).toFixed(1)} KiB`;
  const [scale, suffix] = value < 1e3 ? [1, 'ns'] : value < 1e6 ? [1e3, 'µs'] : value < 1e9 ? [1e6, 'ms'] : [1e9, 's'];
  return `${threeDigits(value / scale)} ${suffix}`;
}

function threeDigits(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
}

export function formatRatio(r: number): string {
  return `${r < 0.1 ? r.toPrecision(2) : threeDigits(r)}×`;
}

function formatCell(c: Cell, unit: Row['unit']): string {
  return isNa(c) ? (c.na === '' ? '—' : 'n/a') : formatValue(c.value, unit);
}

/** canonjs / other, when both were measured. */
export function ratio(r: Row, other: 'jco' | 'floor'): number | undefined {
  const a = r.canonjs;
  const b = r[other];
  return isNa(a) || isNa(b) || b.value === 0 ? undefined : a.value / b.value;
}

// ───────────────────────── targets ─────────────────────────

export function targetLabel(t: Target, unit: Row['unit']): string {
  return t.vs === 'value' ? `≤ ${formatValue(t.max, unit)}` : `≤ ${t.max}× ${t.vs}`;
}

export interface TargetStatus {
  met: boolean;
  /** the measured figure compared with the target (a ratio, or the value) */
  measured: string;
  /** how far over: measured / max */
  over: number;
}

/** Whether canonjs meets the row's target; undefined when there is none or it could not be measured. */
export function targetStatus(r: Row): TargetStatus | undefined {
  const t = r.target;
  if (!t) return undefined;
  const x = t.vs === 'value' ? (isNa(r.canonjs) ? undefined : r.canonjs.value) : ratio(r, t.vs);
  if (x === undefined) return undefined;
  return { met: x <= t.max, measured: t.vs === 'value' ? formatValue(x, r.unit) : formatRatio(x), over: x / t.max };
}

function targetCell(r: Row): string {
  if (!r.target) return '';
  const s = targetStatus(r);
  const label = targetLabel(r.target, r.unit);
  return s === undefined ? `${label} ?` : `${label} ${s.met ? '✓' : '✗'}`;
}

// ───────────────────────── tables ─────────────────────────

const HEADER = ['group', 'benchmark', 'input', 'canonjs', 'jco', 'floor', 'canonjs/jco', 'canonjs/floor', 'target', 'notes'];
const NUMERIC = new Set([3, 4, 5, 6, 7]);

/** The notes column: the row's note, then the reason for each n/a cell. */
export function notes(r: Row): string {
  const parts = r.note ? [r.note] : [];
  for (const side of ['canonjs', 'jco', 'floor'] as const) {
    const c = r[side];
    if (isNa(c) && c.na !== '') parts.push(`${side} n/a: ${c.na}`);
  }
  return parts.join('; ');
}

function cells(r: Row): string[] {
  const rj = ratio(r, 'jco');
  const rf = ratio(r, 'floor');
  return [
    r.group,
    r.name,
    r.input,
    formatCell(r.canonjs, r.unit),
    formatCell(r.jco, r.unit),
    formatCell(r.floor, r.unit),
    rj === undefined ? '' : formatRatio(rj),
    rf === undefined ? '' : formatRatio(rf),
    targetCell(r),
    notes(r),
  ];
}

export function consoleTable(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => (NUMERIC.has(i) ? c.padStart(widths[i]!) : i === row.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return table.map(line).join('\n') + '\n';
}

/** Markdown-safe text: no table breaks, no accidental HTML (`list<u8>`). */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function markdownRows(rows: Row[]): string[] {
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (NUMERIC.has(i) ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => {
      const c = cells(r).map(md);
      c[1] = `\`${r.name}\``;
      return `| ${c.join(' | ')} |`;
    }),
  ];
}

/** The targets the rows carry, one line each: met or missed, and by how much. */
export function targetList(rows: Row[]): string[] {
  return rows.flatMap((r) => {
    if (!r.target) return [];
    const s = targetStatus(r);
    const what = `\`${r.name}\`${r.input ? ` ${md(r.input)}` : ''}: ${targetLabel(r.target, r.unit)}`;
    if (s === undefined) return [`- ${what}: not measured (${md(notes(r)) || 'n/a'})`];
    const by = s.over < 2 ? `${Math.round((s.over - 1) * 100)} % over` : `${formatRatio(s.over)} the target`;
    return [`- ${what}: ${s.met ? 'met' : 'missed'}, ${s.measured}${s.met ? '' : ` (${by})`}`];
  });
}

function footer(res: Results): string {
  const run = res.seconds === undefined ? '' : `; full run ${Math.round(res.seconds)} s`;
  return (
    `Times are per operation: the median of ${res.settings.rounds} passes' medians, ≥ ${res.settings.iterations} samples in all after warm-up ` +
    `(compile: ≥ 6; CLI: the median spawn); sizes are the generated .js files ` +
    `(core wasm in separate files, no .d.ts). Node ${res.node}, ${res.platform}, ${res.cpu} (${res.cores} cores); ` +
    `${res.date.slice(0, 10)}${run}.`
  );
}

/** The README block: the summary table, the targets, the footer. */
export function markdownTable(res: Results): string {
  const main = res.rows.filter((r) => !r.detail);
  const targets = targetList(main);
  return [
    ...markdownRows(main),
    '',
    ...(targets.length ? ['Targets (canonjs):', '', ...targets, ''] : []),
    footer(res),
    '',
  ].join('\n');
}

/** latest.md: the README block, then the per-fixture detail rows. */
export function markdownFull(res: Results): string {
  const detail = res.rows.filter((r) => r.detail);
  const parts = ['# Bench results (`npm run bench`)', '', markdownTable(res)];
  if (detail.length) parts.push('## Per fixture', '', ...markdownRows(detail), '');
  return parts.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export function writeResults(root: string, res: Results): void {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(res, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.md'), markdownFull(res));
  const readme = join(root, 'README.md');
  if (!existsSync(readme)) return;
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return;
  writeFileSync(readme, `${text.slice(0, start + README_START.length)}\n${markdownTable(res)}${text.slice(end)}`);
}
