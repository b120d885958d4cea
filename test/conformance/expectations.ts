/**
 * The committed list of cases that do not pass, each with a hand-written
 * reason. The list may only shrink: an unlisted failure and a listed case
 * that no longer fails are both errors. Not-run cases are never listed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CaseResult } from './run.js';

/** Reasons that still need a human. `bless` writes them; the check refuses them. */
export const PLACEHOLDER = 'TODO: explain';

export interface ExpectationsFile {
  about: string;
  /** case id → why it does not pass */
  cases: Record<string, string>;
}

const ABOUT =
  'Conformance cases that do not pass, with the reason. The conformance test fails when a case ' +
  'not listed here fails, or a listed case stops failing. Regenerate with BLESS=1 (or `--bless`), ' +
  `then replace every "${PLACEHOLDER}" reason by hand.`;

export function loadExpectations(path: string): Map<string, string> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ExpectationsFile;
  return new Map(Object.entries(file.cases));
}

export function saveExpectations(path: string, cases: Map<string, string>): void {
  const sorted = [...cases].sort(([a], [b]) => compareIds(a, b));
  const file: ExpectationsFile = { about: ABOUT, cases: Object.fromEntries(sorted) };
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
}

/** Orders ids by file, then line number (not lexically, so line 9 precedes line 10). */
function compareIds(a: string, b: string): number {
  const [fa, la] = splitId(a);
  const [fb, lb] = splitId(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb || (a < b ? -1 : a > b ? 1 : 0);
}

function splitId(id: string): [string, number] {
  const [file = '', line = '0'] = id.split(':');
  return [file, Number(line)];
}

/** The file part of a case id. */
export function fileOfId(id: string): string {
  return splitId(id)[0];
}

export interface Verdict {
  /** failed and not listed */
  unexpectedFailures: CaseResult[];
  /** listed but passed or did not run: remove them from the list */
  unexpectedPasses: { result: CaseResult; reason: string }[];
  /** listed ids no case has (in the files that ran) */
  stale: string[];
  /** listed with the placeholder reason */
  unexplained: string[];
}

/** Compares results with the list; `ran` says which files ran (others' entries are left alone). */
export function judge(results: CaseResult[], listed: Map<string, string>, ran: (file: string) => boolean): Verdict {
  const byId = new Map(results.map((r) => [r.id, r]));
  const v: Verdict = { unexpectedFailures: [], unexpectedPasses: [], stale: [], unexplained: [] };
  for (const r of results) {
    const reason = listed.get(r.id);
    if (r.status === 'failed' && reason === undefined) v.unexpectedFailures.push(r);
    if (r.status !== 'failed' && reason !== undefined) v.unexpectedPasses.push({ result: r, reason });
  }
  for (const [id, reason] of listed) {
    if (!ran(fileOfId(id))) continue;
    if (!byId.has(id)) v.stale.push(id);
    if (reason.startsWith('TODO')) v.unexplained.push(id);
  }
  return v;
}

export function verdictOk(v: Verdict): boolean {
  return !v.unexpectedFailures.length && !v.unexpectedPasses.length && !v.stale.length && !v.unexplained.length;
}

/**
 * The list rewritten from the results: failures keep their reason or get the
 * placeholder (with what happened, to help write the reason); entries of
 * files that did not run stay as they were.
 */
export function bless(results: CaseResult[], listed: Map<string, string>, ran: (file: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, reason] of listed) if (!ran(fileOfId(id))) out.set(id, reason);
  for (const r of results) {
    if (r.status !== 'failed') continue;
    out.set(r.id, listed.get(r.id) ?? `${PLACEHOLDER} (${r.detail.split('\n')[0]!.slice(0, 200)})`);
  }
  return out;
}

/** A readable account of what is wrong, for test failures and the CLI. */
export function describeVerdict(v: Verdict): string {
  const lines: string[] = [];
  for (const r of v.unexpectedFailures) lines.push(`FAILED (not listed)  ${r.id}: ${r.detail}`);
  for (const { result, reason } of v.unexpectedPasses) {
    lines.push(`NO LONGER FAILS (${result.status}; remove from expectations)  ${result.id} (listed: ${reason})`);
  }
  for (const id of v.stale) lines.push(`STALE (no such case)  ${id}`);
  for (const id of v.unexplained) lines.push(`UNEXPLAINED (placeholder reason)  ${id}`);
  return lines.join('\n');
}
