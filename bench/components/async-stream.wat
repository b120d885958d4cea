;; stream<u8> throughput. `produce(size, chunks) -> stream<u8>`: writes
;; `chunks` writes of `size` bytes (from a buffer filled once) to a new
;; stream, then drops its end; JS reads it as a ReadableStream. `consume(s:
;; stream<u8>) -> u32`: reads `s` to its end, 64 KiB at a time, and returns
;; the number of bytes read; JS passes a ReadableStream. Both are callback
;; lifts that WAIT on a waitable set whenever a copy is BLOCKED.
(component
  (type $S (stream u8))
  (core module $mem (memory (export "mem") 3))
  (core instance $memi (instantiate $mem))
  (alias core export $memi "mem" (core memory $memory))
  (core func $snew (canon stream.new $S))
  (core func $sread (canon stream.read $S async (memory $memory)))
  (core func $swrite (canon stream.write $S async (memory $memory)))
  (core func $sdropr (canon stream.drop-readable $S))
  (core func $sdropw (canon stream.drop-writable $S))
  (core func $wsnew (canon waitable-set.new))
  (core func $wsdrop (canon waitable-set.drop))
  (core func $join (canon waitable.join))
  (core func $ret-stream (canon task.return (result (stream u8))))
  (core func $ret-u32 (canon task.return (result u32)))
  (core module $m
    (import "" "mem" (memory 3))
    (import "" "snew" (func $snew (result i64)))
    (import "" "sread" (func $sread (param i32 i32 i32) (result i32)))
    (import "" "swrite" (func $swrite (param i32 i32 i32) (result i32)))
    (import "" "sdropr" (func $sdropr (param i32)))
    (import "" "sdropw" (func $sdropw (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "ret-stream" (func $ret-stream (param i32)))
    (import "" "ret-u32" (func $ret-u32 (param i32)))
    ;; producer state
    (global $w (mut i32) (i32.const 0))
    (global $wws (mut i32) (i32.const 0))
    (global $left (mut i32) (i32.const 0))
    (global $size (mut i32) (i32.const 0))
    ;; consumer state
    (global $r (mut i32) (i32.const 0))
    (global $rws (mut i32) (i32.const 0))
    (global $count (mut i32) (i32.const 0))

    (func $produce-done (result i32)
      (call $join (global.get $w) (i32.const 0))
      (call $sdropw (global.get $w))
      (call $wsdrop (global.get $wws))
      (i32.const 0)) ;; EXIT
    (func $produce-next (result i32)
      (local $st i32)
      (loop $more
        (if (i32.eqz (global.get $left)) (then (return (call $produce-done))))
        (local.set $st (call $swrite (global.get $w) (i32.const 0) (global.get $size)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then ;; BLOCKED: WAIT on the set
          (return (i32.or (i32.const 2) (i32.shl (global.get $wws) (i32.const 4))))))
        (if (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)) (then (return (call $produce-done)))) ;; DROPPED
        (global.set $left (i32.sub (global.get $left) (i32.const 1)))
        (br $more))
      unreachable)
    (func (export "produce") (param $size i32) (param $chunks i32) (result i32)
      (local $p i64)
      (local.set $p (call $snew))
      (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))))
      (call $ret-stream (i32.wrap_i64 (local.get $p)))
      (memory.fill (i32.const 0) (i32.const 7) (local.get $size))
      (global.set $size (local.get $size))
      (global.set $left (local.get $chunks))
      (global.set $wws (call $wsnew))
      (call $join (global.get $w) (global.get $wws))
      (call $produce-next))
    (func (export "produce-cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 3)) (then unreachable)) ;; STREAM_WRITE
      (if (i32.eq (i32.and (local.get $p2) (i32.const 15)) (i32.const 1)) (then (return (call $produce-done))))
      (global.set $left (i32.sub (global.get $left) (i32.const 1)))
      (call $produce-next))

    (func $consume-done (result i32)
      (call $join (global.get $r) (i32.const 0))
      (call $sdropr (global.get $r))
      (call $wsdrop (global.get $rws))
      (call $ret-u32 (global.get $count))
      (i32.const 0)) ;; EXIT
    ;; counts the bytes a copy result reports; 1 when the writer dropped its end
    (func $take (param $st i32) (result i32)
      (global.set $count (i32.add (global.get $count) (i32.shr_u (local.get $st) (i32.const 4))))
      (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)))
    (func $consume-next (result i32)
      (local $st i32)
      (loop $more
        (local.set $st (call $sread (global.get $r) (i32.const 65536) (i32.const 65536)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then
          (return (i32.or (i32.const 2) (i32.shl (global.get $rws) (i32.const 4))))))
        (if (call $take (local.get $st)) (then (return (call $consume-done))))
        (br $more))
      unreachable)
    (func (export "consume") (param $r i32) (result i32)
      (global.set $r (local.get $r))
      (global.set $count (i32.const 0))
      (global.set $rws (call $wsnew))
      (call $join (global.get $r) (global.get $rws))
      (call $consume-next))
    (func (export "consume-cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
      (if (i32.ne (local.get $code) (i32.const 2)) (then unreachable)) ;; STREAM_READ
      (if (call $take (local.get $p2)) (then (return (call $consume-done))))
      (call $consume-next)))
  (core instance $i (instantiate $m (with "" (instance
    (export "mem" (memory $memory))
    (export "snew" (func $snew)) (export "sread" (func $sread)) (export "swrite" (func $swrite))
    (export "sdropr" (func $sdropr)) (export "sdropw" (func $sdropw))
    (export "wsnew" (func $wsnew)) (export "wsdrop" (func $wsdrop)) (export "join" (func $join))
    (export "ret-stream" (func $ret-stream)) (export "ret-u32" (func $ret-u32))))))
  (func (export "produce") async (param "size" u32) (param "chunks" u32) (result (stream u8))
    (canon lift (core func $i "produce") async (callback (core func $i "produce-cb"))))
  (func (export "consume") async (param "s" (stream u8)) (result u32)
    (canon lift (core func $i "consume") async (callback (core func $i "consume-cb")))))
