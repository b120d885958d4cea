/**
 * Async values beyond numbers: error-context out to JS (an ErrorContext with
 * its debugMessage, string lifted through error-context.new) and back in
 * (debug-message lowers the string through realloc); a stream<string>
 * read by JS as Arrays of strings.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';

const BUMP = `
    (global $top (mut i32) (i32.const 1024))
    (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $top))
      (global.set $top (i32.add (global.get $top) (local.get 3)))
      (local.get $p))`;

const ERRORS = `
(component
  (core module $Mem (memory (export "mem") 1) ${BUMP})
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $new (canon error-context.new (memory $memory)))
  (core func $msg (canon error-context.debug-message (memory $memory) (realloc $realloc)))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "new" (func $new (param i32 i32) (result i32)))
    (import "" "msg" (func $msg (param i32 i32)))
    (data (i32.const 0) "disk on fire")
    (func (export "make") (result i32) (call $new (i32.const 0) (i32.const 12)))
    (func (export "message") (param i32) (result i32)
      (call $msg (local.get 0) (i32.const 64))
      (i32.const 64)))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory)) (export "new" (func $new)) (export "msg" (func $msg))))))
  (func (export "make") (result error-context) (canon lift (core func $m "make")))
  (func (export "message") (param "e" error-context) (result string)
    (canon lift (core func $m "message") (memory $memory))))`;

/** words() -> stream<string>: writes "alpha", "beta", "gamma" in one write, then drops its end. */
const WORDS = `
(component
  (type $S (stream string))
  (core module $Mem (memory (export "mem") 1) ${BUMP})
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $snew (canon stream.new $S))
  (core func $swrite (canon stream.write $S async (memory $memory) (realloc $realloc)))
  (core func $sdropw (canon stream.drop-writable $S))
  (core func $wsnew (canon waitable-set.new))
  (core func $wsdrop (canon waitable-set.drop))
  (core func $join (canon waitable.join))
  (core func $ret (canon task.return (result (stream string))))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "snew" (func $snew (result i64)))
    (import "" "swrite" (func $swrite (param i32 i32 i32) (result i32)))
    (import "" "sdropw" (func $sdropw (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "ret" (func $ret (param i32)))
    (data (i32.const 0) "alphabetagamma")
    (global $w (mut i32) (i32.const 0))
    (global $ws (mut i32) (i32.const 0))
    (func $finish (result i32)
      (call $join (global.get $w) (i32.const 0))
      (call $sdropw (global.get $w))
      (call $wsdrop (global.get $ws))
      (i32.const 0))
    (func (export "words") (result i32)
      (local $p i64) (local $st i32)
      ;; three (ptr, len) string slots at 32
      (i32.store (i32.const 32) (i32.const 0)) (i32.store (i32.const 36) (i32.const 5))
      (i32.store (i32.const 40) (i32.const 5)) (i32.store (i32.const 44) (i32.const 4))
      (i32.store (i32.const 48) (i32.const 9)) (i32.store (i32.const 52) (i32.const 5))
      (local.set $p (call $snew))
      (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))))
      (call $ret (i32.wrap_i64 (local.get $p)))
      (local.set $st (call $swrite (global.get $w) (i32.const 32) (i32.const 3)))
      (if (i32.ne (local.get $st) (i32.const -1)) (then (return (call $finish))))
      (global.set $ws (call $wsnew))
      (call $join (global.get $w) (global.get $ws))
      (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))
    (func (export "cb") (param i32 i32 i32) (result i32) (call $finish)))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory)) (export "snew" (func $snew)) (export "swrite" (func $swrite))
    (export "sdropw" (func $sdropw)) (export "wsnew" (func $wsnew)) (export "wsdrop" (func $wsdrop))
    (export "join" (func $join)) (export "ret" (func $ret))))))
  (func (export "words") async (result (stream string))
    (canon lift (core func $m "words") async (callback (core func $m "cb")))))`;

/** open() -> record { data: stream<u8>, size: u32 }: a stream that ends at once, inside a record. */
const RECORD = `
(component
  (type $S (stream u8))
  (type $Rec (record (field "data" $S) (field "size" u32)))
  (export $Rec2 "rec" (type $Rec))
  (core func $snew (canon stream.new $S))
  (core func $sdropw (canon stream.drop-writable $S))
  (core func $ret (canon task.return (result $Rec)))
  (core module $M
    (import "" "snew" (func $snew (result i64)))
    (import "" "sdropw" (func $sdropw (param i32)))
    (import "" "ret" (func $ret (param i32 i32)))
    (func (export "open") (result i32)
      (local $p i64)
      (local.set $p (call $snew))
      (call $ret (i32.wrap_i64 (local.get $p)) (i32.const 3))
      (call $sdropw (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))))
      (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $m (instantiate $M (with "" (instance
    (export "snew" (func $snew)) (export "sdropw" (func $sdropw)) (export "ret" (func $ret))))))
  (func (export "open") async (result $Rec2)
    (canon lift (core func $m "open") async (callback (core func $m "cb")))))`;

describe('error-context and stream<string>', () => {
  test('a stream inside a record result is a ReadableStream too', async () => {
    const e = await (await compileAndLoad(await parse(RECORD))).instantiate();
    const r = await e.open();
    expect(r.size).toBe(3);
    expect(r.data).toBeInstanceOf(ReadableStream);
    const chunks: unknown[] = [];
    for await (const c of r.data as AsyncIterable<unknown>) chunks.push(c);
    expect(chunks).toEqual([]);
  });

  test('an error-context goes out as an ErrorContext and comes back in', async () => {
    const e = await (await compileAndLoad(await parse(ERRORS))).instantiate();
    const err = e.make();
    expect(err.debugMessage).toBe('disk on fire');
    expect(e.message(err)).toBe('disk on fire');
  });

  test('a stream<string> is a ReadableStream of string Arrays', async () => {
    const e = await (await compileAndLoad(await parse(WORDS))).instantiate();
    const s: ReadableStream<string[]> = await e.words();
    const got: string[] = [];
    for await (const chunk of s as unknown as AsyncIterable<string[]>) got.push(...chunk);
    expect(got).toEqual(['alpha', 'beta', 'gamma']);
  });
});
