/**
 * The conformance suite against test/conformance/expectations.json: fails on
 * an unlisted failure, on a listed case that no longer fails, on stale and
 * unexplained entries. BLESS=1 rewrites the list first; CONFORMANCE_FILTER
 * (a regexp on the file path) runs part of the suite.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { bless, describeVerdict, judge, loadExpectations, saveExpectations, type Verdict } from './expectations.js';
import { expectationsPath, reportDir, suiteDir } from './paths.js';
import { scoreboard, writeReport } from './report.js';
import { canonjsExecutor } from './executor.js';
import { fileMatcher, runSuite, type CaseResult } from './run.js';

const filter = process.env.CONFORMANCE_FILTER || undefined;
let results: CaseResult[] = [];
let verdict: Verdict;

beforeAll(async () => {
  const t0 = performance.now();
  results = await runSuite({ suiteDir: suiteDir(), executor: canonjsExecutor(), ...(filter ? { filter } : {}) });
  const elapsed = performance.now() - t0;
  const ran = fileMatcher(filter);
  let listed = existsSync(expectationsPath()) ? loadExpectations(expectationsPath()) : new Map<string, string>();
  if (process.env.BLESS === '1') {
    listed = bless(results, listed, ran);
    saveExpectations(expectationsPath(), listed);
  }
  writeReport(reportDir(), results, listed, elapsed);
  verdict = judge(results, listed, ran);
  console.log(`${scoreboard(results, listed)}\n${results.length} cases in ${(elapsed / 1000).toFixed(1)} s`);
});

describe('conformance suite', () => {
  test('finds the scripts', () => {
    expect(results.length).toBeGreaterThan(0);
  });

  test('every failure is listed in expectations.json', () => {
    expect(describeVerdict({ ...verdict, unexpectedPasses: [], stale: [], unexplained: [] })).toBe('');
  });

  test('every listed case still fails (the list only shrinks)', () => {
    expect(describeVerdict({ ...verdict, unexpectedFailures: [], stale: [], unexplained: [] })).toBe('');
  });

  test('every listed id exists and has a written reason', () => {
    expect(describeVerdict({ ...verdict, unexpectedFailures: [], unexpectedPasses: [] })).toBe('');
  });
});
