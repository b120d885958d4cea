/**
 * The scoreboard (per folder and per directive kind) and the report files:
 * `rejections.md` pairs, for every assert_malformed / assert_invalid, the
 * suite's expected message with our stage, code and message, so a reviewer
 * can check each rejection is for the right reason; `cases.json` has every
 * case with its outcome and feature gates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from './run.js';

type Column = 'passed' | 'listed' | 'failed' | 'not run';
const COLUMNS: Column[] = ['passed', 'listed', 'failed', 'not run'];

/** `listed` = a known failure; `failed` = a failure not in the expectations (an error). */
function column(r: CaseResult, listed: Map<string, string>): Column {
  if (r.status === 'failed') return listed.has(r.id) ? 'listed' : 'failed';
  return r.status === 'passed' ? 'passed' : 'not run';
}

function table(title: string, rows: Map<string, Record<Column, number>>): string {
  const total = (c: Record<Column, number>) => COLUMNS.reduce((n, k) => n + c[k], 0);
  const sum: Record<Column, number> = { passed: 0, listed: 0, failed: 0, 'not run': 0 };
  for (const c of rows.values()) for (const k of COLUMNS) sum[k] += c[k];
  const all = [...rows, ['total', sum] as const];
  const w0 = Math.max(title.length, ...all.map(([k]) => k.length));
  const head = [title.padEnd(w0), ...COLUMNS.map((c) => c.padStart(8)), 'total'.padStart(8)].join(' ');
  const line = (k: string, c: Record<Column, number>) =>
    [k.padEnd(w0), ...COLUMNS.map((col) => String(c[col]).padStart(8)), String(total(c)).padStart(8)].join(' ');
  return [head, '-'.repeat(head.length), ...[...rows].map(([k, c]) => line(k, c)), '-'.repeat(head.length), line('total', sum)].join('\n');
}

function tally(results: CaseResult[], listed: Map<string, string>, key: (r: CaseResult) => string): Map<string, Record<Column, number>> {
  const rows = new Map<string, Record<Column, number>>();
  for (const r of results) {
    const k = key(r);
    if (!rows.has(k)) rows.set(k, { passed: 0, listed: 0, failed: 0, 'not run': 0 });
    rows.get(k)![column(r, listed)]++;
  }
  return new Map([...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function scoreboard(results: CaseResult[], listed: Map<string, string>): string {
  return [
    table('folder', tally(results, listed, (r) => r.file.split('/')[0]!)),
    '',
    table('directive', tally(results, listed, (r) => r.kind)),
  ].join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ⏎ ');

function rejectionsMarkdown(results: CaseResult[], listed: Map<string, string>): string {
  const rej = results.filter((r) => r.rejection);
  const byStage = new Map<string, number>();
  for (const r of rej) {
    const s = r.rejection!.got?.stage ?? 'accepted';
    byStage.set(`${r.kind} → ${s}`, (byStage.get(`${r.kind} → ${s}`) ?? 0) + 1);
  }
  const out = [
    '# Rejections',
    '',
    'Every `assert_malformed` and `assert_invalid`: the suite\'s expected message (wasmtime\'s wording) beside',
    'ours. Check that each rejection is for the same reason; wording differs by design.',
    '',
    ...[...byStage].sort().map(([k, n]) => `- ${k}: ${n}`),
    '',
  ];
  let file = '';
  for (const r of rej) {
    if (r.file !== file) {
      file = r.file;
      out.push(`## ${file}`, '', '| line | directive | result | expected (suite) | ours (stage, code: message) |', '|---|---|---|---|---|');
    }
    const got = r.rejection!.got;
    const ours = got ? `${got.stage}${got.code ? `, \`${got.code}\`` : ''}: ${got.message}` : '**accepted**';
    const result = r.status === 'passed' ? 'ok' : listed.has(r.id) ? `listed: ${listed.get(r.id)}` : `**FAILED**: ${r.detail}`;
    out.push(`| ${r.line} | ${r.kind} | ${cell(result)} | ${cell(r.rejection!.expected)} | ${cell(ours)} |`);
    const next = rej[rej.indexOf(r) + 1];
    if (!next || next.file !== file) out.push('');
  }
  return out.join('\n');
}

export function writeReport(dir: string, results: CaseResult[], listed: Map<string, string>, elapsedMs: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'rejections.md'), rejectionsMarkdown(results, listed));
  const cases = results.map((r) => ({
    id: r.id,
    status: r.status,
    listed: listed.get(r.id) ?? null,
    detail: r.detail,
    features: r.features,
    ...(r.rejection ? { expected: r.rejection.expected, got: r.rejection.got } : {}),
  }));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ elapsedMs: Math.round(elapsedMs), cases }, null, 1) + '\n');
  writeFileSync(join(dir, 'scoreboard.txt'), scoreboard(results, listed) + '\n');
}
