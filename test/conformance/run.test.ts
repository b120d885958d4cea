import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Executor } from './execute.js';
import { runScript } from './run.js';
import { tempDir } from '../tmp.js';

const script = String.raw`
(component $A (core module $M (memory 1)))
(assert_return (invoke "f") (u32.const 1))
(assert_malformed (component binary "\00asm" "\0d\00\01\00" "\0d\00") "malformed section id")
(assert_malformed (component quote "(import \"a\" (func) oops)") "unexpected token")
(assert_invalid (component (type (list 5))) "type index out of bounds")
(assert_invalid (component binary "\00asm" "\0d\00\01\00" "\0d\00") "wrong stage")
(assert_invalid (component) "accepted")
(component definition $D (import "f" (func)))
(component instance $i $D)
(component instance $j $Nope)
(component (type (list 5)))
(invoke "g")
`;

const run = (executor?: Executor) => {
  const path = join(tempDir('wast'), 'x.wast');
  writeFileSync(path, script);
  return runScript(path, 'x.wast', executor);
};

test('static directives: stages decide, ids are stable, actions are not run', async () => {
  const results = await run();
  expect(results.map((r) => [r.id, r.status])).toEqual([
    ['x.wast:2:component', 'passed'],
    ['x.wast:3:assert_return', 'not-run'],
    ['x.wast:4:assert_malformed', 'passed'],
    ['x.wast:5:assert_malformed', 'passed'],
    ['x.wast:6:assert_invalid', 'passed'],
    ['x.wast:7:assert_invalid', 'failed'],
    ['x.wast:8:assert_invalid', 'failed'],
    ['x.wast:9:definition', 'passed'],
    ['x.wast:10:instance', 'passed'],
    ['x.wast:11:instance', 'failed'],
    ['x.wast:12:component', 'failed'],
    ['x.wast:13:invoke', 'failed'],
  ]);
  const byLine = (n: number) => results.find((r) => r.line === n)!;
  expect(byLine(4).rejection).toMatchObject({ expected: 'malformed section id', got: { stage: 'decode' } });
  expect(byLine(5).detail).toBe('rejected at text');
  expect(byLine(6).rejection?.got?.code).toMatch(/^validate\//);
  expect(byLine(7).detail).toMatch(/^wrong stage: rejected at decode/);
  expect(byLine(8).detail).toBe('accepted: decoded and validated');
  // an action after a rejected component is blocked, not run against the previous instance
  expect(byLine(13).detail).toMatch(/^blocked: its component \(line 12\)/);
});

test('the executor hook sees instances and actions', async () => {
  const seen: string[] = [];
  const results = await run({
    instantiate: async (inst) => (seen.push(`instantiate ${inst.name ?? '-'}`), { status: 'passed' }),
    run: async (d, session) => (seen.push(`${d.kind} on ${session.current?.name ?? '-'}`), { status: 'failed', detail: 'nope' }),
  });
  expect(seen).toEqual(['instantiate $A', 'assert_return on $A', 'instantiate $i']);
  expect(results.find((r) => r.line === 3)).toMatchObject({ status: 'failed', detail: 'nope', features: [] });
});
