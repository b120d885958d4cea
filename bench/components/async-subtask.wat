;; Guest → guest async call through a subtask: $B's `run(n, pause)` calls
;; $A's `inc: async func(x: u32, pause: bool) -> u32` n times in a loop,
;; through an async lower of $A's callback lift. With pause = false $A calls
;; task.return at once (the lower reports RETURNED, no subtask handle); with
;; pause = true $A first YIELDs, so each call leaves a STARTED subtask that
;; $B joins to a waitable set and WAITs on, resuming in its callback when the
;; SUBTASK event says RETURNED.
(component
  (component $A
    (core func $ret (canon task.return (result u32)))
    (core module $am
      (import "" "ret" (func $ret (param i32)))
      (global $x (mut i32) (i32.const 0))
      (func (export "inc") (param $x i32) (param $pause i32) (result i32)
        (if (local.get $pause) (then
          (global.set $x (local.get $x))
          (return (i32.const 1)))) ;; YIELD
        (call $ret (i32.add (local.get $x) (i32.const 1)))
        (i32.const 0)) ;; EXIT
      (func (export "cb") (param i32 i32 i32) (result i32)
        (call $ret (i32.add (global.get $x) (i32.const 1)))
        (i32.const 0)))
    (core instance $ai (instantiate $am (with "" (instance (export "ret" (func $ret))))))
    (func (export "inc") async (param "x" u32) (param "pause" bool) (result u32)
      (canon lift (core func $ai "inc") async (callback (core func $ai "cb")))))
  (component $B
    (import "inc" (func $inc async (param "x" u32) (param "pause" bool) (result u32)))
    (core module $mem (memory (export "mem") 1))
    (core instance $memi (instantiate $mem))
    (alias core export $memi "mem" (core memory $memory))
    (core func $inc-lowered (canon lower (func $inc) async (memory $memory)))
    (core func $ret (canon task.return (result u32)))
    (core func $wsnew (canon waitable-set.new))
    (core func $wsdrop (canon waitable-set.drop))
    (core func $join (canon waitable.join))
    (core func $sdrop (canon subtask.drop))
    (core module $bm
      (import "" "mem" (memory 1))
      (import "" "inc" (func $inc (param i32 i32 i32) (result i32)))
      (import "" "ret" (func $ret (param i32)))
      (import "" "wsnew" (func $wsnew (result i32)))
      (import "" "wsdrop" (func $wsdrop (param i32)))
      (import "" "join" (func $join (param i32 i32)))
      (import "" "sdrop" (func $sdrop (param i32)))
      (global $i (mut i32) (i32.const 0))
      (global $n (mut i32) (i32.const 0))
      (global $acc (mut i32) (i32.const 0))
      (global $pause (mut i32) (i32.const 0))
      (global $ws (mut i32) (i32.const 0))
      (func $loop (result i32)
        (local $st i32)
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (global.get $i) (global.get $n)))
            (local.set $st (call $inc (global.get $acc) (global.get $pause) (i32.const 64)))
            (if (i32.ne (local.get $st) (i32.const 2)) (then ;; not RETURNED: a subtask handle
              (call $join (i32.shr_u (local.get $st) (i32.const 4)) (global.get $ws))
              (return (i32.or (i32.const 2) (i32.shl (global.get $ws) (i32.const 4)))))) ;; WAIT
            (global.set $acc (i32.load (i32.const 64)))
            (global.set $i (i32.add (global.get $i) (i32.const 1)))
            (br $next)))
        (call $wsdrop (global.get $ws))
        (call $ret (global.get $acc))
        (i32.const 0)) ;; EXIT
      (func (export "run") (param $n i32) (param $pause i32) (result i32)
        (global.set $i (i32.const 0))
        (global.set $n (local.get $n))
        (global.set $acc (i32.const 0))
        (global.set $pause (local.get $pause))
        (global.set $ws (call $wsnew))
        (call $loop))
      (func (export "cb") (param $code i32) (param $p1 i32) (param $p2 i32) (result i32)
        ;; only SUBTASK (1) events with state RETURNED (2) are expected
        (if (i32.or (i32.ne (local.get $code) (i32.const 1)) (i32.ne (local.get $p2) (i32.const 2))) (then unreachable))
        (call $sdrop (local.get $p1))
        (global.set $acc (i32.load (i32.const 64)))
        (global.set $i (i32.add (global.get $i) (i32.const 1)))
        (call $loop)))
    (core instance $bi (instantiate $bm (with "" (instance
      (export "mem" (memory $memory))
      (export "inc" (func $inc-lowered))
      (export "ret" (func $ret))
      (export "wsnew" (func $wsnew))
      (export "wsdrop" (func $wsdrop))
      (export "join" (func $join))
      (export "sdrop" (func $sdrop))))))
    (func (export "run") async (param "n" u32) (param "pause" bool) (result u32)
      (canon lift (core func $bi "run") async (callback (core func $bi "cb")))))
  (instance $a (instantiate $A))
  (instance $b (instantiate $B (with "inc" (func $a "inc"))))
  (export "run" (func $b "run")))
