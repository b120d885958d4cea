import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bless, judge, loadExpectations, PLACEHOLDER, saveExpectations, verdictOk } from './expectations.js';
import type { CaseResult } from './run.js';
import { tempDir } from '../tmp.js';

const result = (id: string, status: CaseResult['status'], detail = ''): CaseResult => {
  const [file = '', line = '0', kind = 'component'] = id.split(':');
  return { id, file, line: Number(line), kind: kind as CaseResult['kind'], status, detail, features: [] };
};

const all = () => true;

describe('judge', () => {
  test('a listed failure and an unlisted pass are fine', () => {
    const v = judge([result('a.wast:1:component', 'failed'), result('a.wast:2:component', 'passed')], new Map([['a.wast:1:component', 'why']]), all);
    expect(verdictOk(v)).toBe(true);
  });

  test('an unlisted failure, a listed pass, a listed not-run, stale and TODO entries are errors', () => {
    const listed = new Map([
      ['a.wast:2:component', 'fixed now'],
      ['a.wast:3:assert_return', 'runs now'],
      ['a.wast:9:component', 'gone'],
      ['a.wast:4:component', `${PLACEHOLDER} (x)`],
      ['b.wast:1:component', 'other file, not run'],
    ]);
    const v = judge(
      [
        result('a.wast:1:component', 'failed'),
        result('a.wast:2:component', 'passed'),
        result('a.wast:3:assert_return', 'not-run'),
        result('a.wast:4:component', 'failed'),
      ],
      listed,
      (f) => f === 'a.wast',
    );
    expect(v.unexpectedFailures.map((r) => r.id)).toEqual(['a.wast:1:component']);
    expect(v.unexpectedPasses.map((p) => p.result.id)).toEqual(['a.wast:2:component', 'a.wast:3:assert_return']);
    expect(v.stale).toEqual(['a.wast:9:component']);
    expect(v.unexplained).toEqual(['a.wast:4:component']);
  });
});

describe('bless', () => {
  test('keeps reasons, adds placeholders, drops fixed cases, leaves other files alone; saves sorted by line', () => {
    const listed = new Map([
      ['a.wast:10:component', 'kept reason'],
      ['a.wast:2:component', 'fixed'],
      ['b.wast:1:component', 'not run this time'],
    ]);
    const out = bless(
      [result('a.wast:10:component', 'failed'), result('a.wast:2:component', 'passed'), result('a.wast:9:assert_invalid', 'failed', 'accepted')],
      listed,
      (f) => f === 'a.wast',
    );
    expect(Object.fromEntries(out)).toEqual({
      'b.wast:1:component': 'not run this time',
      'a.wast:10:component': 'kept reason',
      'a.wast:9:assert_invalid': `${PLACEHOLDER} (accepted)`,
    });
    const path = join(tempDir('expect'), 'e.json');
    saveExpectations(path, out);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).cases)).toEqual([
      'a.wast:9:assert_invalid',
      'a.wast:10:component',
      'b.wast:1:component',
    ]);
    expect(loadExpectations(path)).toEqual(out);
  });
});
