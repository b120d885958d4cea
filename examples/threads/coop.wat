;; Cooperative threads (🧵), written as component text: one export,
;;
;;   weave: async func(workers: u32, rounds: u32) -> string
;;
;; starts `workers` threads with `thread.new-indirect`; worker k writes the
;; letter 'a' + k once per round and hands over to worker k + 1 (the last one
;; to worker 0), so the letters interleave: weave(3, 2) = "abcabc". Every
;; hand-over names the thread to run next, so the order is the same on every
;; engine and scheduler:
;; - `thread.suspend-then-resume t`: this thread waits, t (suspended) runs now;
;; - `thread.resume-later t`: t will run once this thread lets go (here: ends).
;; `weave` itself (the task's first thread) waits in `suspend-then-resume`
;; until the last worker's last round makes it ready again.
;;
;; The export is lifted `async` without a callback (stackful): its threads
;; need stacks of their own. canonjs uses JSPI where the engine has it and
;; asyncify (a binaryen transform of the core module) elsewhere, e.g. Node 20.
;; One weave runs at a time (`backpressure.inc` / `.dec`: later calls wait
;; their turn). At most 26 workers and 32768 letters, else weave traps.
(component
  (core module $Mem
    (memory (export "mem") 1)
    (table (export "threads") 1 funcref))
  (core instance $mem (instantiate $Mem))
  (alias core export $mem "mem" (core memory $memory))
  (alias core export $mem "threads" (core table $threads))
  (core type $worker (func (param i32)))
  (core func $new (canon thread.new-indirect $worker (core table $threads)))
  (core func $switch (canon thread.suspend-then-resume))
  (core func $later (canon thread.resume-later))
  (core func $index (canon thread.index))
  (core func $bp-inc (canon backpressure.inc))
  (core func $bp-dec (canon backpressure.dec))
  (core func $ret (canon task.return (result string) (memory $memory)))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "threads" (table 1 funcref))
    (import "" "new" (func $new (param i32 i32) (result i32)))
    (import "" "switch" (func $switch (param i32) (result i32)))
    (import "" "later" (func $later (param i32)))
    (import "" "index" (func $index (result i32)))
    (import "" "ret" (func $ret (param i32 i32)))
    (import "" "bp-inc" (func $bp-inc))
    (import "" "bp-dec" (func $bp-dec))
    ;; memory: [0] weave's thread index, [4 + 4k] worker k's thread index,
    ;; the string from 1024 on
    (global $workers (mut i32) (i32.const 0))
    (global $rounds (mut i32) (i32.const 0))
    (global $len (mut i32) (i32.const 0))
    (func $thread (param $k i32) (result i32)
      (i32.load offset=4 (i32.shl (local.get $k) (i32.const 2))))
    (func $worker (param $k i32)
      (local $r i32) (local $next i32)
      (local.set $next (call $thread
        (select (i32.const 0) (i32.add (local.get $k) (i32.const 1))
          (i32.eq (i32.add (local.get $k) (i32.const 1)) (global.get $workers)))))
      (loop $round
        (i32.store8 offset=1024 (global.get $len) (i32.add (i32.const 97) (local.get $k)))
        (global.set $len (i32.add (global.get $len) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (if (i32.lt_u (local.get $r) (global.get $rounds)) (then
          ;; a lone worker has no one to hand over to
          (if (i32.gt_u (global.get $workers) (i32.const 1))
            (then (drop (call $switch (local.get $next)))))
          (br $round))))
      ;; last round: the next worker runs once this thread ends; the last
      ;; worker wakes weave instead
      (call $later
        (select (i32.load (i32.const 0)) (local.get $next)
          (i32.eq (i32.add (local.get $k) (i32.const 1)) (global.get $workers)))))
    (elem (i32.const 0) func $worker)
    (func (export "weave") (param $workers i32) (param $rounds i32)
      (local $k i32)
      (if (i32.gt_u (local.get $workers) (i32.const 26)) (then unreachable))
      (if (i64.gt_u (i64.mul (i64.extend_i32_u (local.get $workers)) (i64.extend_i32_u (local.get $rounds)))
                    (i64.const 32768)) (then unreachable))
      (call $bp-inc)
      (global.set $workers (local.get $workers))
      (global.set $rounds (local.get $rounds))
      (global.set $len (i32.const 0))
      (if (i32.and (i32.ne (local.get $workers) (i32.const 0)) (i32.ne (local.get $rounds) (i32.const 0))) (then
        (i32.store (i32.const 0) (call $index))
        ;; new threads start suspended: make them all, then switch to the first
        (loop $spawn
          (i32.store offset=4 (i32.shl (local.get $k) (i32.const 2))
            (call $new (i32.const 0) (local.get $k)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $spawn (i32.lt_u (local.get $k) (local.get $workers))))
        (drop (call $switch (call $thread (i32.const 0))))))
      (call $ret (i32.const 1024) (global.get $len))
      (call $bp-dec)))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $memory)) (export "threads" (table $threads))
    (export "new" (func $new)) (export "switch" (func $switch)) (export "later" (func $later))
    (export "index" (func $index)) (export "ret" (func $ret))
    (export "bp-inc" (func $bp-inc)) (export "bp-dec" (func $bp-dec))))))
  (func (export "weave") async (param "workers" u32) (param "rounds" u32) (result string)
    (canon lift (core func $m "weave") async (memory $memory))))
