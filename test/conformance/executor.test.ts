/**
 * The executor end to end on a small script: canonjs compiles each
 * component, the runner's directives call it through the JS contract.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonjsExecutor } from './executor.js';
import { runScript, type CaseResult } from './run.js';

const SCRIPT = String.raw`
(component
  (core module $M
    (memory (export "mem") 1)
    (data (i32.const 16) "hello")
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "hello") (result i32)
      (i32.store (i32.const 0) (i32.const 16))
      (i32.store (i32.const 4) (i32.const 5))
      (i32.const 0))
    (func (export "check") (param i32) (result i32)
      (if (result i32) (local.get 0)
        (then (i32.store (i32.const 0) (i32.const 0)) (i32.const 0))
        (else (i32.store (i32.const 0) (i32.const 1)) (i32.store (i32.const 4) (i32.const 7)) (i32.const 0)))))
  (core instance $m (instantiate $M))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "add")))
  (func (export "hello") (result string) (canon lift (core func $m "hello") (memory (core memory $m "mem"))))
  (func (export "check") (param "ok" bool) (result (result (error u32)))
    (canon lift (core func $m "check") (memory (core memory $m "mem"))))
)
(assert_return (invoke "add" (u32.const 2) (u32.const 40)) (u32.const 42))
(assert_return (invoke "add" (u32.const 2) (u32.const 2)) (u32.const 5))
(assert_return (invoke "hello") (str.const "hello"))
(assert_return (invoke "check" (bool.const true)) (result.ok))
(assert_return (invoke "check" (bool.const false)) (result.err (u32.const 7)))
(invoke "add" (u32.const 1) (u32.const 1))

(component definition $Unreachable
  (core module $M (func (export "f") unreachable) (func (export "g")))
  (core instance $m (instantiate $M))
  (func (export "f") (canon lift (core func $m "f")))
  (func (export "g") (canon lift (core func $m "g")))
)
(component instance $i $Unreachable)
(assert_trap (invoke "f") "wasm trap: wasm ${"`"}unreachable${"`"} instruction executed")
(assert_trap (invoke "f") "cannot enter component instance")
(component instance $j $Unreachable)
(assert_return (invoke "g"))
(assert_trap (invoke "g") "invalid utf-8")
(assert_trap (invoke "g") "a message nobody mapped")

(component
  (import "host" (func))
)

(component
  (core func $ret (canon task.return (result u32)))
  (core module $M (import "" "ret" (func $ret (param i32))) (func (export "f") (call $ret (i32.const 7))))
  (core instance $m (instantiate $M (with "" (instance (export "ret" (func $ret))))))
  (func (export "f") async (result u32) (canon lift (core func $m "f") async))
)
(assert_return (invoke "f") (u32.const 7))

(component
  (core func $ti (canon thread.index))
  (core module $M (import "" "ti" (func $ti (result i32))) (func (export "g") (result i32) (call $ti)))
  (core instance $m (instantiate $M (with "" (instance (export "ti" (func $ti))))))
  (func (export "g") (result u32) (canon lift (core func $m "g")))
)
(assert_return (invoke "g") (u32.const 1))
`;

let dir: string;
let results: CaseResult[];
const at = (line: number): CaseResult => {
  const r = results.find((r) => r.line === line);
  if (!r) throw new Error(`no case at line ${line}`);
  return r;
};
const lineOf = (needle: string, nth = 1): number => {
  const lines = SCRIPT.split('\n');
  let seen = 0;
  const i = lines.findIndex((l) => l.includes(needle) && ++seen === nth);
  return i + 1;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canonjs-exec-'));
  writeFileSync(join(dir, 'small.wast'), SCRIPT);
  results = await runScript(join(dir, 'small.wast'), 'small.wast', canonjsExecutor());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the canonjs executor', () => {
  it('runs assert_return through the JS contract', () => {
    expect(at(lineOf('(u32.const 40)'))).toMatchObject({ status: 'passed' });
    expect(at(lineOf('(str.const "hello")'))).toMatchObject({ status: 'passed' });
    expect(at(lineOf('(result.ok)'))).toMatchObject({ status: 'passed' });
    expect(at(lineOf('(result.err (u32.const 7))'))).toMatchObject({ status: 'passed' });
    const inv = at(lineOf('(invoke "add" (u32.const 1)'));
    expect(inv, inv.detail).toMatchObject({ status: 'passed', kind: 'invoke' });
  });

  it('fails a wrong answer, saying what came back', () => {
    expect(at(lineOf('(u32.const 5)'))).toMatchObject({ status: 'failed', detail: 'result: expected the number 5, got 4' });
  });

  it('checks the trap code, and that a trap poisons only its instance', () => {
    expect(at(lineOf('unreachable` instruction'))).toMatchObject({ status: 'passed', detail: 'trapped: trap/core' });
    expect(at(lineOf('"cannot enter component instance"'))).toMatchObject({ status: 'passed', detail: 'trapped: trap/poisoned' });
    expect(at(lineOf('(assert_return (invoke "g"))'))).toMatchObject({ status: 'passed' });
  });

  it('fails a call that should trap but returns, and an unmapped message', () => {
    expect(at(lineOf('"invalid utf-8"')).detail).toMatch(/^returned undefined, expected a trap \(trap\/invalid-utf8\)/);
    expect(at(lineOf('a message nobody mapped')).detail).toMatch(/add it to traps.json/);
  });

  it('fails a top-level component with imports: there is no host', () => {
    const r = at(lineOf('(import "host" (func))') - 1);
    expect(r).toMatchObject({ kind: 'component', status: 'failed' });
    expect(r.detail).toMatch(/imports host/);
  });

  it('runs async components: an async export returns a Promise, awaited', () => {
    const r = at(lineOf('(assert_return (invoke "f") (u32.const 7))'));
    expect(r).toMatchObject({ status: 'passed' });
  });

  it("runs components using cooperative threads: the first task's implicit thread has index 1", () => {
    const r = at(lineOf('(assert_return (invoke "g") (u32.const 1))'));
    expect(r).toMatchObject({ status: 'passed' });
  });
});
