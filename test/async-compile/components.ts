/**
 * Components (in component text) for the async interop tests: a stream<u8>
 * producer, a stream<u8> consumer, a future<u32> reader, all callback-lifted
 * `async func` exports written against the Canonical ABI codes
 * (EXIT 0, WAIT 2 | set << 4; BLOCKED 0xffffffff; copy result | progress << 4).
 */

/** The built-ins every component below imports into its core module, named as `(import "" "<name>")`. */
const BUILTINS = (stream: string) => `
  (core module $Mem (memory (export "mem") 1))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (core func $snew (canon stream.new ${stream}))
  (core func $sread (canon stream.read ${stream} async (memory $memory)))
  (core func $swrite (canon stream.write ${stream} async (memory $memory)))
  (core func $sdropr (canon stream.drop-readable ${stream}))
  (core func $sdropw (canon stream.drop-writable ${stream}))
  (core func $wsnew (canon waitable-set.new))
  (core func $wsdrop (canon waitable-set.drop))
  (core func $join (canon waitable.join))`;

const CORE_IMPORTS = `
    (import "" "mem" (memory 1))
    (import "" "snew" (func $snew (result i64)))
    (import "" "sread" (func $sread (param i32 i32 i32) (result i32)))
    (import "" "swrite" (func $swrite (param i32 i32 i32) (result i32)))
    (import "" "sdropr" (func $sdropr (param i32)))
    (import "" "sdropw" (func $sdropw (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "ret" (func $ret (param i32)))`;

const WITH = `
    (export "mem" (memory $memory))
    (export "snew" (func $snew)) (export "sread" (func $sread)) (export "swrite" (func $swrite))
    (export "sdropr" (func $sdropr)) (export "sdropw" (func $sdropw))
    (export "wsnew" (func $wsnew)) (export "wsdrop" (func $wsdrop)) (export "join" (func $join))
    (export "ret" (func $ret))`;

/** `produce(n, chunks) -> stream<u8>`: writes `chunks` writes of `n` bytes (each byte = chunks left, mod 256), then drops its end. */
export const PRODUCER = `
(component
  (type $S (stream u8))
  ${BUILTINS('$S')}
  (core func $ret (canon task.return (result (stream u8))))
  (core module $M
    ${CORE_IMPORTS}
    (global $w (mut i32) (i32.const 0))
    (global $ws (mut i32) (i32.const 0))
    (global $left (mut i32) (i32.const 0))
    (global $n (mut i32) (i32.const 0))
    (func $finish (result i32)
      (call $join (global.get $w) (i32.const 0))
      (call $sdropw (global.get $w))
      (call $wsdrop (global.get $ws))
      (i32.const 0))
    (func $next (result i32)
      (local $st i32)
      (loop $more
        (if (i32.eqz (global.get $left)) (then (return (call $finish))))
        (memory.fill (i32.const 0) (i32.and (global.get $left) (i32.const 255)) (global.get $n))
        (local.set $st (call $swrite (global.get $w) (i32.const 0) (global.get $n)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then
          (return (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))))
        (if (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)) (then (return (call $finish))))
        (global.set $left (i32.sub (global.get $left) (i32.const 1)))
        (br $more))
      unreachable)
    (func (export "produce") (param $n i32) (param $chunks i32) (result i32)
      (local $p i64)
      (local.set $p (call $snew))
      (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))))
      (call $ret (i32.wrap_i64 (local.get $p)))
      (global.set $n (local.get $n))
      (global.set $left (local.get $chunks))
      (global.set $ws (call $wsnew))
      (call $join (global.get $w) (global.get $ws))
      (call $next))
    (func (export "cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 3)) (then unreachable))
      (if (i32.eq (i32.and (local.get $p2) (i32.const 15)) (i32.const 1)) (then (return (call $finish))))
      (global.set $left (i32.sub (global.get $left) (i32.const 1)))
      (call $next)))
  (core instance $m (instantiate $M (with "" (instance ${WITH}))))
  (func (export "produce") async (param "n" u32) (param "chunks" u32) (result (stream u8))
    (canon lift (core func $m "produce") async (callback (core func $m "cb")))))`;

/** `consume(s: stream<u8>) -> u32`: reads everything (4096 bytes at a time) and returns the byte sum mod 2^32; `count` the bytes read. */
export const CONSUMER = `
(component
  (type $S (stream u8))
  ${BUILTINS('$S')}
  (core func $ret (canon task.return (result u32)))
  (core func $ret2 (canon task.return (result u32)))
  (core module $M
    ${CORE_IMPORTS}
    (global $r (mut i32) (i32.const 0))
    (global $ws (mut i32) (i32.const 0))
    (global $sum (mut i32) (i32.const 0))
    (global $count (mut i32) (i32.const 0))
    (func $take (param $st i32) (result i32) ;; 1 when the writer dropped its end
      (local $k i32) (local $n i32)
      (local.set $n (i32.shr_u (local.get $st) (i32.const 4)))
      (global.set $count (i32.add (global.get $count) (local.get $n)))
      (block $done (loop $add
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (global.set $sum (i32.add (global.get $sum) (i32.load8_u offset=256 (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $add)))
      (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)))
    (func $finish (result i32)
      (call $join (global.get $r) (i32.const 0))
      (call $sdropr (global.get $r))
      (call $wsdrop (global.get $ws))
      (call $ret (global.get $sum))
      (i32.const 0))
    (func $next (result i32)
      (local $st i32)
      (loop $more
        (local.set $st (call $sread (global.get $r) (i32.const 256) (i32.const 4096)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then
          (return (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))))
        (if (call $take (local.get $st)) (then (return (call $finish))))
        (br $more))
      unreachable)
    (func (export "consume") (param $r i32) (result i32)
      (global.set $r (local.get $r))
      (global.set $sum (i32.const 0))
      (global.set $count (i32.const 0))
      (global.set $ws (call $wsnew))
      (call $join (global.get $r) (global.get $ws))
      (call $next))
    (func (export "count") (result i32) (global.get $count))
    (func (export "cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 2)) (then unreachable))
      (if (call $take (local.get $p2)) (then (return (call $finish))))
      (call $next)))
  (core instance $m (instantiate $M (with "" (instance ${WITH}))))
  (func (export "consume") async (param "s" (stream u8)) (result u32)
    (canon lift (core func $m "consume") async (callback (core func $m "cb"))))
  (func (export "count") (result u32) (canon lift (core func $m "count"))))`;

/** `await-plus-one(f: future<u32>) -> u32`: reads the future and returns its value + 1. */
export const FUTURE_READER = `
(component
  (type $F (future u32))
  (core module $Mem (memory (export "mem") 1))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (core func $fread (canon future.read $F async (memory $memory)))
  (core func $fdropr (canon future.drop-readable $F))
  (core func $wsnew (canon waitable-set.new))
  (core func $wsdrop (canon waitable-set.drop))
  (core func $join (canon waitable.join))
  (core func $ret (canon task.return (result u32)))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "fread" (func $fread (param i32 i32) (result i32)))
    (import "" "fdropr" (func $fdropr (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "ret" (func $ret (param i32)))
    (global $r (mut i32) (i32.const 0))
    (global $ws (mut i32) (i32.const 0))
    (func $finish (result i32)
      (if (global.get $ws) (then
        (call $join (global.get $r) (i32.const 0))
        (call $wsdrop (global.get $ws))))
      (call $fdropr (global.get $r))
      (call $ret (i32.add (i32.load (i32.const 32)) (i32.const 1)))
      (i32.const 0))
    (func (export "run") (param $r i32) (result i32)
      (local $st i32)
      (global.set $r (local.get $r))
      (global.set $ws (i32.const 0))
      (local.set $st (call $fread (local.get $r) (i32.const 32)))
      (if (i32.ne (local.get $st) (i32.const -1)) (then (return (call $finish))))
      (global.set $ws (call $wsnew))
      (call $join (global.get $r) (global.get $ws))
      (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4))))
    (func (export "cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 4)) (then unreachable))
      (call $finish)))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory)) (export "fread" (func $fread)) (export "fdropr" (func $fdropr))
    (export "wsnew" (func $wsnew)) (export "wsdrop" (func $wsdrop)) (export "join" (func $join))
    (export "ret" (func $ret))))))
  (func (export "await-plus-one") async (param "f" (future u32)) (result u32)
    (canon lift (core func $m "run") async (callback (core func $m "cb")))))`;
