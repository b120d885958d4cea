/**
 * Bench results: a console table, bench/results/latest.{json,md}, and the
 * README's Performance section (between its bench markers).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Row } from './harness.js';
import { SETTINGS } from './harness.js';

export interface Results {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  settings: typeof SETTINGS;
  rows: Row[];
}

export function results(rows: Row[]): Results {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    settings: SETTINGS,
    rows,
  };
}

const HEADER = ['group', 'benchmark', 'input', 'size', 'median', 'MB/s', '±%', 'samples'];

function cells(r: Row): string[] {
  return [
    r.group,
    r.name,
    r.input,
    `${(r.bytes / 1024).toFixed(1)} KiB`,
    `${r.medianMs.toFixed(3)} ms`,
    r.mbPerSec.toFixed(1),
    r.rme.toFixed(1),
    `${r.samples}`,
  ];
}

export function consoleTable(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export function markdownTable(res: Results): string {
  const lines = [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 3 ? '---:' : '---')).join('|')}|`,
    ...res.rows.map((r) => `| ${cells(r).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n\nMedian of ≥ ${res.settings.iterations} samples after warm-up; Node ${res.node}, ${res.platform}, ${res.cpu}; ${res.date.slice(0, 10)}.\n`;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export function writeResults(root: string, res: Results): void {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(res, null, 2) + '\n');
  const md = markdownTable(res);
  writeFileSync(join(dir, 'latest.md'), `# Bench results (\`npm run bench\`)\n\n${md}`);
  const readme = join(root, 'README.md');
  if (!existsSync(readme)) return;
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return;
  writeFileSync(readme, `${text.slice(0, start + README_START.length)}\n${md}${text.slice(end)}`);
}
