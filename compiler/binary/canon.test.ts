/**
 * Every canonical built-in of the CANON table decodes, with exactly the
 * immediates the table lists. Each is written as component text and
 * encoded by wasm-tools; the few that wasm-tools 0.259 cannot write as
 * Binary.md specifies them are hand-built bytes.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import type { Canon } from './ast.js';
import { decodeComponent } from './decode.js';
import { CANON, CANON_BY_NAME, type CanonImmediate } from './opcodes.js';

/** indices: type 0 $res, 1 $st, 2 $fu, 3 $ft; func 0 $f; core memory 0, table 0; core funcs 0 realloc, 1 cb, 2 g, 3 pr; core type 0 */
const PRELUDE = `
  (type $res (resource (rep i32)))
  (type $st (stream u8))
  (type $fu (future u32))
  (type $ft (func (param "x" string) (result u32)))
  (import "f" (func $f (type $ft)))
  (core module $m
    (memory (export "mem") 1)
    (table (export "tbl") 1 funcref)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable)
    (func (export "g") (param i32 i32) (result i32) unreachable)
    (func (export "pr") (param i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "tbl" (core table $tbl))
  (alias core export $i "realloc" (core func $realloc))
  (alias core export $i "cb" (core func $cb))
  (alias core export $i "g" (core func $g))
  (alias core export $i "pr" (core func $pr))
  (core type $ct (func (param i32)))
`;

const opt = (name: string, index?: number) => expect.objectContaining(index === undefined ? { name } : { name, index });

/** built-in name → [definition text, the immediates expected on the decoded Canon] */
const TEXT: Record<string, [string, Partial<Canon>]> = {
  lift: [
    '(func (type $ft) (canon lift (core func $g) (memory $mem) (realloc $realloc) string-encoding=utf16 (post-return $pr)))',
    { func: 2, type: 3, opts: [opt('memory', 0), opt('realloc', 0), opt('utf16'), opt('post-return', 3)] },
  ],
  lower: [
    '(core func (canon lower (func $f) (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))',
    { func: 0, opts: [opt('memory', 0), opt('realloc', 0), opt('latin1+utf16')] },
  ],
  'resource.new': ['(core func (canon resource.new $res))', { type: 0 }],
  'resource.drop': ['(core func (canon resource.drop $res))', { type: 0 }],
  'resource.rep': ['(core func (canon resource.rep $res))', { type: 0 }],
  'task.cancel': ['(core func (canon task.cancel))', {}],
  'subtask.cancel': ['(core func (canon subtask.cancel async))', { async: true }],
  'task.return': [
    '(core func (canon task.return (result u32) (memory $mem) string-encoding=utf8))',
    { result: 'u32', opts: [opt('memory', 0), opt('utf8')] },
  ],
  'context.get': ['(core func (canon context.get i32 1))', { valtype: 'i32', index: 1 }],
  'context.set': ['(core func (canon context.set i64 0))', { valtype: 'i64', index: 0 }],
  'thread.yield': ['(core func (canon thread.yield))', { cancellable: false }],
  'subtask.drop': ['(core func (canon subtask.drop))', {}],
  'stream.new': ['(core func (canon stream.new $st))', { type: 1 }],
  'stream.read': [
    '(core func (canon stream.read $st async (memory $mem) (realloc $realloc)))',
    { type: 1, opts: [opt('async'), opt('memory', 0), opt('realloc', 0)] },
  ],
  'stream.write': ['(core func (canon stream.write $st (memory $mem)))', { type: 1, opts: [opt('memory', 0)] }],
  'stream.cancel-read': ['(core func (canon stream.cancel-read $st async))', { type: 1, async: true }],
  'stream.cancel-write': ['(core func (canon stream.cancel-write $st))', { type: 1, async: false }],
  'stream.drop-readable': ['(core func (canon stream.drop-readable $st))', { type: 1 }],
  'stream.drop-writable': ['(core func (canon stream.drop-writable $st))', { type: 1 }],
  'future.new': ['(core func (canon future.new $fu))', { type: 2 }],
  'future.read': ['(core func (canon future.read $fu (memory $mem)))', { type: 2, opts: [opt('memory', 0)] }],
  'future.write': ['(core func (canon future.write $fu async (memory $mem)))', { type: 2, opts: [opt('async'), opt('memory', 0)] }],
  'future.cancel-read': ['(core func (canon future.cancel-read $fu))', { type: 2, async: false }],
  'future.cancel-write': ['(core func (canon future.cancel-write $fu async))', { type: 2, async: true }],
  'future.drop-readable': ['(core func (canon future.drop-readable $fu))', { type: 2 }],
  'future.drop-writable': ['(core func (canon future.drop-writable $fu))', { type: 2 }],
  'error-context.new': [
    '(core func (canon error-context.new (memory $mem) string-encoding=utf16))',
    { opts: [opt('memory', 0), opt('utf16')] },
  ],
  'error-context.debug-message': [
    '(core func (canon error-context.debug-message (memory $mem) (realloc $realloc)))',
    { opts: [opt('memory', 0), opt('realloc', 0)] },
  ],
  'error-context.drop': ['(core func (canon error-context.drop))', {}],
  'waitable-set.new': ['(core func (canon waitable-set.new))', {}],
  'waitable-set.wait': ['(core func (canon waitable-set.wait (memory $mem)))', { cancellable: false, memory: 0 }],
  'waitable-set.poll': ['(core func (canon waitable-set.poll (memory $mem)))', { cancellable: false, memory: 0 }],
  'waitable-set.drop': ['(core func (canon waitable-set.drop))', {}],
  'waitable.join': ['(core func (canon waitable.join))', {}],
  'backpressure.inc': ['(core func (canon backpressure.inc))', {}],
  'backpressure.dec': ['(core func (canon backpressure.dec))', {}],
  'thread.index': ['(core func (canon thread.index))', {}],
  'thread.new-indirect': ['(core func (canon thread.new-indirect $ct (core table $tbl)))', { coreType: 0, table: 0 }],
  'thread.resume-later': ['(core func (canon thread.resume-later))', {}],
  'thread.suspend': ['(core func (canon thread.suspend))', { cancellable: false }],
  'thread.suspend-then-resume': ['(core func (canon thread.suspend-then-resume))', { cancellable: false }],
  'thread.yield-then-resume': ['(core func (canon thread.yield-then-resume))', { cancellable: false }],
  'thread.suspend-then-promote': ['(core func (canon thread.suspend-then-promote))', { cancellable: false }],
  'thread.yield-then-promote': ['(core func (canon thread.yield-then-promote))', { cancellable: false }],
};

/**
 * 🧵② built-ins: wasm-tools 0.259 writes them without Binary.md's `shared?`
 * byte (and has no `shared` keyword), so these are built by hand as
 * Binary.md specifies: canon bytes → expected immediates.
 */
const BYTES: Record<string, [number[], Partial<Canon>]> = {
  'thread.spawn-ref': [[0x40, 0x01, 0x00], { shared: true, coreType: 0 }],
  'thread.spawn-indirect': [[0x41, 0x00, 0x00, 0x00], { shared: false, coreType: 0, table: 0 }],
  'thread.available-parallelism': [[0x42, 0x01], { shared: true }],
};

async function lastCanon(text: string): Promise<Canon> {
  const c = decodeComponent(await parse(`(component ${PRELUDE} ${text})`));
  const last = c.defs.findLast((d) => d.kind === 'canon');
  if (last?.kind !== 'canon') throw new Error('no canon decoded');
  return last.canon;
}

/** the Canon field each CANON immediate fills */
const FIELD: Record<CanonImmediate, keyof Canon> = {
  'core-func': 'func',
  func: 'func',
  type: 'type',
  'core-type': 'coreType',
  opts: 'opts',
  resultlist: 'result',
  'core-valtype': 'valtype',
  u32: 'index',
  'async?': 'async',
  'cancel?': 'cancellable',
  'shared?': 'shared',
  memory: 'memory',
  table: 'table',
};

/** the decoded fields are exactly those the table's immediates name, with the expected values */
function checkFields(canon: Canon, expected: Partial<Canon>): void {
  const spec = CANON_BY_NAME.get(canon.name)!;
  const fields = Object.keys(canon).filter((k) => k !== 'offset' && k !== 'name' && k !== 'opcode');
  expect(new Set(fields)).toEqual(new Set(spec.immediates.map((i) => FIELD[i])));
  expect(canon).toMatchObject(expected);
}

describe('every CANON built-in decodes', () => {
  test('the tests cover the whole table', () => {
    expect(new Set([...Object.keys(TEXT), ...Object.keys(BYTES)])).toEqual(new Set(CANON.map((s) => s.name)));
  });

  test.each(CANON.filter((s) => s.name in TEXT).map((s) => [s.name, s] as const))('%s (from text)', async (name, spec) => {
    const [text, expected] = TEXT[name]!;
    const canon = await lastCanon(text);
    expect(canon.name).toBe(name);
    expect(canon.opcode).toBe(spec.opcode);
    checkFields(canon, expected);
  });

  test.each(Object.entries(BYTES))('%s (from bytes)', (name, [bytes, expected]) => {
    const section = [1, ...bytes];
    const component = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x08, section.length, ...section]);
    const def = decodeComponent(component).defs[0];
    expect(def?.kind).toBe('canon');
    if (def?.kind !== 'canon') return;
    expect(def.canon).toMatchObject({ name, offset: 11, opcode: bytes[0] });
    checkFields(def.canon, expected);
  });

  test('an async lift with a callback, and a task.return with no result', async () => {
    const lift = await lastCanon('(func (type $ft) (canon lift (core func $g) async (callback $cb) (memory $mem) (realloc $realloc)))');
    expect(lift.opts?.map((o) => o.name)).toEqual(['async', 'callback', 'memory', 'realloc']);
    expect(lift.opts?.[1]?.index).toBe(1);
    const ret = await lastCanon('(core func (canon task.return))');
    expect(ret.result).toBeNull();
    expect(ret.opts).toEqual([]);
  });

  test('cancellable built-ins read their byte as true when it is 0x01', async () => {
    const bytes = await parse(`(component ${PRELUDE} (core func (canon waitable-set.poll (memory $mem))))`);
    const before = decodeComponent(bytes).defs.findLast((d) => d.kind === 'canon');
    if (before?.kind !== 'canon') throw new Error('no canon');
    // 0x21 cancel? memidx: flip the cancel? byte
    expect([...bytes.subarray(before.offset, before.offset + 3)]).toEqual([0x21, 0x00, 0x00]);
    const patched = bytes.slice();
    patched[before.offset + 1] = 0x01;
    const after = decodeComponent(patched).defs.findLast((d) => d.kind === 'canon');
    expect(after?.kind === 'canon' && after.canon).toMatchObject({ name: 'waitable-set.poll', cancellable: true, memory: 0 });
  });
});
