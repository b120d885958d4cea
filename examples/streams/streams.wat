;; Streams and futures, written as component text: two `async func` exports,
;; both lifted `async (callback …)` (stackless: no stack switching needed).
;;
;;   upper:   async func(input: stream<u8>) -> tuple<stream<u8>, future<u32>>
;;            copies `input` to a new stream chunk by chunk, ASCII letters
;;            upper-cased; the future resolves, once the output is complete,
;;            to how many letters it changed.
;;   adler32: async func(input: stream<u8>) -> u32
;;            reads `input` to its end and returns its Adler-32 checksum.
;;
;; Each call keeps its state in a block of linear memory (a 64-byte header and
;; a 4 KiB buffer) found again through `context.get 0`, so any number of calls
;; may run at once. The callback codes are the Canonical ABI's: EXIT 0,
;; WAIT 2 | set << 4; a copy answers BLOCKED (-1) or `result | progress << 4`
;; (result COMPLETED 0, DROPPED 1); an event is (code, handle, payload) with
;; STREAM_READ 2, STREAM_WRITE 3, FUTURE_WRITE 5.
(component
  (type $S (stream u8))
  (type $F (future u32))
  (core module $Mem (memory (export "mem") 1))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (core func $snew (canon stream.new $S))
  (core func $sread (canon stream.read $S async (memory $memory)))
  (core func $swrite (canon stream.write $S async (memory $memory)))
  (core func $sdropr (canon stream.drop-readable $S))
  (core func $sdropw (canon stream.drop-writable $S))
  (core func $fnew (canon future.new $F))
  (core func $fwrite (canon future.write $F async (memory $memory)))
  (core func $fdropw (canon future.drop-writable $F))
  (core func $wsnew (canon waitable-set.new))
  (core func $wsdrop (canon waitable-set.drop))
  (core func $join (canon waitable.join))
  (core func $ctxget (canon context.get i32 0))
  (core func $ctxset (canon context.set i32 0))
  (core func $ret-upper (canon task.return (result (tuple (stream u8) (future u32)))))
  (core func $ret-adler (canon task.return (result u32)))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "snew" (func $snew (result i64)))
    (import "" "sread" (func $sread (param i32 i32 i32) (result i32)))
    (import "" "swrite" (func $swrite (param i32 i32 i32) (result i32)))
    (import "" "sdropr" (func $sdropr (param i32)))
    (import "" "sdropw" (func $sdropw (param i32)))
    (import "" "fnew" (func $fnew (result i64)))
    (import "" "fwrite" (func $fwrite (param i32 i32) (result i32)))
    (import "" "fdropw" (func $fdropw (param i32)))
    (import "" "wsnew" (func $wsnew (result i32)))
    (import "" "wsdrop" (func $wsdrop (param i32)))
    (import "" "join" (func $join (param i32 i32)))
    (import "" "ctxget" (func $ctxget (result i32)))
    (import "" "ctxset" (func $ctxset (param i32)))
    (import "" "ret-upper" (func $ret-upper (param i32 i32)))
    (import "" "ret-adler" (func $ret-adler (param i32)))

    ;; ─── per-call state blocks: a free list over a bump pointer
    ;; header: [0] input, [4] output writer, [8] waitable set, [12] written,
    ;; [16] buffered, [20] input ended, [24] letters changed / adler a,
    ;; [28] future writer / adler b, [32] waiting for the future; buffer at +64
    (global $free (mut i32) (i32.const 0))
    (global $top (mut i32) (i32.const 1024))
    (func $alloc (result i32)
      (local $p i32)
      (if (global.get $free) (then
        (local.set $p (global.get $free))
        (global.set $free (i32.load (local.get $p)))
        (memory.fill (local.get $p) (i32.const 0) (i32.const 64))
        (return (local.get $p))))
      (local.set $p (global.get $top))
      (global.set $top (i32.add (local.get $p) (i32.const 4160)))
      (if (i32.gt_u (global.get $top) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))))
      (local.get $p))
    (func $release (param $s i32)
      (i32.store (local.get $s) (global.get $free))
      (global.set $free (local.get $s)))
    (func $wait (param $s i32) (result i32) ;; WAIT on the call's waitable set
      (i32.or (i32.const 2) (i32.shl (i32.load offset=8 (local.get $s)) (i32.const 4))))

    ;; ─── upper
    ;; a read finished: upper-case its bytes in place and queue them for writing
    (func $got (param $s i32) (param $st i32)
      (local $n i32) (local $i i32) (local $at i32) (local $c i32) (local $changed i32)
      (local.set $n (i32.shr_u (local.get $st) (i32.const 4)))
      (local.set $changed (i32.load offset=24 (local.get $s)))
      (block $done (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.add (i32.add (local.get $s) (i32.const 64)) (local.get $i)))
        (local.set $c (i32.load8_u (local.get $at)))
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26)) (then
          (i32.store8 (local.get $at) (i32.sub (local.get $c) (i32.const 32)))
          (local.set $changed (i32.add (local.get $changed) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
      (i32.store offset=24 (local.get $s) (local.get $changed))
      (i32.store offset=12 (local.get $s) (i32.const 0))
      (i32.store offset=16 (local.get $s) (local.get $n))
      (if (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1))
        (then (i32.store offset=20 (local.get $s) (i32.const 1)))))
    ;; a write finished: count what went out; a dropped reader ends the copy
    (func $wrote (param $s i32) (param $st i32)
      (i32.store offset=12 (local.get $s)
        (i32.add (i32.load offset=12 (local.get $s)) (i32.shr_u (local.get $st) (i32.const 4))))
      (if (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)) (then
        (i32.store offset=12 (local.get $s) (i32.const 0))
        (i32.store offset=16 (local.get $s) (i32.const 0))
        (i32.store offset=20 (local.get $s) (i32.const 1)))))
    ;; the last step: the future's writer is dropped, the state freed
    (func $upper-done (param $s i32) (result i32)
      (if (i32.load offset=32 (local.get $s))
        (then (call $join (i32.load offset=28 (local.get $s)) (i32.const 0))))
      (call $fdropw (i32.load offset=28 (local.get $s)))
      (call $wsdrop (i32.load offset=8 (local.get $s)))
      (call $release (local.get $s))
      (i32.const 0))
    ;; input ended and everything written: close both streams, resolve the future
    (func $upper-finish (param $s i32) (result i32)
      (call $join (i32.load (local.get $s)) (i32.const 0))
      (call $sdropr (i32.load (local.get $s)))
      (call $join (i32.load offset=4 (local.get $s)) (i32.const 0))
      (call $sdropw (i32.load offset=4 (local.get $s)))
      (if (i32.eq (call $fwrite (i32.load offset=28 (local.get $s)) (i32.add (local.get $s) (i32.const 24)))
                  (i32.const -1))
        (then
          (i32.store offset=32 (local.get $s) (i32.const 1))
          (call $join (i32.load offset=28 (local.get $s)) (i32.load offset=8 (local.get $s)))
          (return (call $wait (local.get $s)))))
      (call $upper-done (local.get $s)))
    ;; write what is buffered, else read more, until something blocks or all is done
    (func $pump (param $s i32) (result i32)
      (local $st i32) (local $off i32) (local $len i32)
      (loop $more
        (local.set $off (i32.load offset=12 (local.get $s)))
        (local.set $len (i32.load offset=16 (local.get $s)))
        (if (i32.lt_u (local.get $off) (local.get $len)) (then
          (local.set $st (call $swrite (i32.load offset=4 (local.get $s))
            (i32.add (i32.add (local.get $s) (i32.const 64)) (local.get $off))
            (i32.sub (local.get $len) (local.get $off))))
          (if (i32.eq (local.get $st) (i32.const -1)) (then (return (call $wait (local.get $s)))))
          (call $wrote (local.get $s) (local.get $st))
          (br $more)))
        (if (i32.load offset=20 (local.get $s)) (then (return (call $upper-finish (local.get $s)))))
        (local.set $st (call $sread (i32.load (local.get $s)) (i32.add (local.get $s) (i32.const 64)) (i32.const 4096)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then (return (call $wait (local.get $s)))))
        (call $got (local.get $s) (local.get $st))
        (br $more))
      unreachable)
    (func (export "upper") (param $in i32) (result i32)
      (local $s i32) (local $out i64) (local $fut i64)
      (local.set $s (call $alloc))
      (call $ctxset (local.get $s))
      (i32.store (local.get $s) (local.get $in))
      ;; stream.new / future.new: readable end in the low 32 bits, writable end in the high
      (local.set $out (call $snew))
      (local.set $fut (call $fnew))
      (i32.store offset=4 (local.get $s) (i32.wrap_i64 (i64.shr_u (local.get $out) (i64.const 32))))
      (i32.store offset=28 (local.get $s) (i32.wrap_i64 (i64.shr_u (local.get $fut) (i64.const 32))))
      ;; the caller gets the readable ends at once; the copy goes on after
      (call $ret-upper (i32.wrap_i64 (local.get $out)) (i32.wrap_i64 (local.get $fut)))
      (i32.store offset=8 (local.get $s) (call $wsnew))
      (call $join (local.get $in) (i32.load offset=8 (local.get $s)))
      (call $join (i32.load offset=4 (local.get $s)) (i32.load offset=8 (local.get $s)))
      (call $pump (local.get $s)))
    (func (export "upper-cb") (param $code i32) (param $handle i32) (param $payload i32) (result i32)
      (local $s i32)
      (local.set $s (call $ctxget))
      (if (i32.eq (local.get $code) (i32.const 2)) (then
        (call $got (local.get $s) (local.get $payload))
        (return (call $pump (local.get $s)))))
      (if (i32.eq (local.get $code) (i32.const 3)) (then
        (call $wrote (local.get $s) (local.get $payload))
        (return (call $pump (local.get $s)))))
      (if (i32.eq (local.get $code) (i32.const 5)) (then (return (call $upper-done (local.get $s)))))
      unreachable)

    ;; ─── adler32: a = 1 + Σ bytes, b = Σ a, both mod 65521; the checksum is b << 16 | a
    (func $sum (param $s i32) (param $st i32) (result i32) ;; 1 when the writer dropped its end
      (local $n i32) (local $i i32) (local $a i32) (local $b i32)
      (local.set $n (i32.shr_u (local.get $st) (i32.const 4)))
      (local.set $a (i32.load offset=24 (local.get $s)))
      (local.set $b (i32.load offset=28 (local.get $s)))
      (block $done (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.rem_u
          (i32.add (local.get $a) (i32.load8_u offset=64 (i32.add (local.get $s) (local.get $i))))
          (i32.const 65521)))
        (local.set $b (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
      (i32.store offset=24 (local.get $s) (local.get $a))
      (i32.store offset=28 (local.get $s) (local.get $b))
      (i32.eq (i32.and (local.get $st) (i32.const 15)) (i32.const 1)))
    (func $adler-finish (param $s i32) (result i32)
      (call $join (i32.load (local.get $s)) (i32.const 0))
      (call $sdropr (i32.load (local.get $s)))
      (call $wsdrop (i32.load offset=8 (local.get $s)))
      (call $ret-adler (i32.or (i32.shl (i32.load offset=28 (local.get $s)) (i32.const 16))
                               (i32.load offset=24 (local.get $s))))
      (call $release (local.get $s))
      (i32.const 0))
    (func $adler-next (param $s i32) (result i32)
      (local $st i32)
      (loop $more
        (local.set $st (call $sread (i32.load (local.get $s)) (i32.add (local.get $s) (i32.const 64)) (i32.const 4096)))
        (if (i32.eq (local.get $st) (i32.const -1)) (then (return (call $wait (local.get $s)))))
        (if (call $sum (local.get $s) (local.get $st)) (then (return (call $adler-finish (local.get $s)))))
        (br $more))
      unreachable)
    (func (export "adler32") (param $in i32) (result i32)
      (local $s i32)
      (local.set $s (call $alloc))
      (call $ctxset (local.get $s))
      (i32.store (local.get $s) (local.get $in))
      (i32.store offset=24 (local.get $s) (i32.const 1))
      (i32.store offset=8 (local.get $s) (call $wsnew))
      (call $join (local.get $in) (i32.load offset=8 (local.get $s)))
      (call $adler-next (local.get $s)))
    (func (export "adler32-cb") (param $code i32) (param $handle i32) (param $payload i32) (result i32)
      (local $s i32)
      (local.set $s (call $ctxget))
      (if (i32.ne (local.get $code) (i32.const 2)) (then unreachable))
      (if (call $sum (local.get $s) (local.get $payload)) (then (return (call $adler-finish (local.get $s)))))
      (call $adler-next (local.get $s))))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory))
    (export "snew" (func $snew)) (export "sread" (func $sread)) (export "swrite" (func $swrite))
    (export "sdropr" (func $sdropr)) (export "sdropw" (func $sdropw))
    (export "fnew" (func $fnew)) (export "fwrite" (func $fwrite)) (export "fdropw" (func $fdropw))
    (export "wsnew" (func $wsnew)) (export "wsdrop" (func $wsdrop)) (export "join" (func $join))
    (export "ctxget" (func $ctxget)) (export "ctxset" (func $ctxset))
    (export "ret-upper" (func $ret-upper)) (export "ret-adler" (func $ret-adler))))))
  (func (export "upper") async (param "input" (stream u8)) (result (tuple (stream u8) (future u32)))
    (canon lift (core func $m "upper") async (callback (core func $m "upper-cb"))))
  (func (export "adler32") async (param "input" (stream u8)) (result u32)
    (canon lift (core func $m "adler32") async (callback (core func $m "adler32-cb")))))
