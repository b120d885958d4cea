;; Shared-everything threads (🧵②), written as component text: two exports,
;;
;;   sum-of-squares: func(n: u32, workers: u32) -> u64
;;   parallelism: func() -> u32
;;
;; sum-of-squares splits 1..n into `workers` slices and starts one thread per
;; slice with `thread.spawn-indirect shared`: canonjs runs each on a worker
;; (worker_threads in Node) over the shared memory. Each thread adds its
;; slice's sum into the memory atomically and counts itself done; the calling
;; thread waits (`memory.atomic.wait32`) until all are, then returns the total.
;; `parallelism` is `thread.available_parallelism`: how many threads the host
;; can run at once.
;;
;; Layout: $Libc defines the shared memory and the table of thread functions,
;; $Work fills the table, $Main spawns and waits. Shared memory:
;; [0] threads done, [8] the total (u64), [16] n, [20] workers.
;;
;; wasm-tools' text format cannot say `shared` on the spawn built-in and writes
;; it without the `sh?` byte of Binary.md; build.js re-encodes it as shared, so
;; the two 🧵② built-ins stay together in a canon section of their own.
(component
  (core module $Libc
    (memory (export "mem") 1 1 shared)
    (table (export "table") 1 funcref))
  (core instance $libc (instantiate $Libc))
  (alias core export $libc "table" (core table $tbl))
  (core type $ft (func (param i32)))
  (core func $spawn (canon thread.spawn-indirect $ft (core table $tbl)))
  (core func $par (canon thread.available_parallelism))
  (core module $Work
    (import "libc" "mem" (memory 1 1 shared))
    (import "libc" "table" (table $t 1 funcref))
    ;; thread k of w: adds i * i for i in its slice of 1..n
    (func $slice (param $k i32)
      (local $n i64) (local $w i64) (local $i i64) (local $end i64) (local $sum i64)
      (local.set $n (i64.extend_i32_u (i32.atomic.load (i32.const 16))))
      (local.set $w (i64.extend_i32_u (i32.atomic.load (i32.const 20))))
      (local.set $i (i64.add (i64.div_u (i64.mul (local.get $n) (i64.extend_i32_u (local.get $k))) (local.get $w))
                             (i64.const 1)))
      (local.set $end (i64.div_u (i64.mul (local.get $n) (i64.extend_i32_u (i32.add (local.get $k) (i32.const 1))))
                                 (local.get $w)))
      (block $done (loop $each
        (br_if $done (i64.gt_u (local.get $i) (local.get $end)))
        (local.set $sum (i64.add (local.get $sum) (i64.mul (local.get $i) (local.get $i))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $each)))
      (drop (i64.atomic.rmw.add (i32.const 8) (local.get $sum)))
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (drop (memory.atomic.notify (i32.const 0) (i32.const -1))))
    (elem (table $t) (i32.const 0) func $slice))
  (core instance $work (instantiate $Work (with "libc" (instance $libc))))
  (core module $Main
    (import "libc" "mem" (memory 1 1 shared))
    (import "" "spawn" (func $spawn (param i32 i32) (result i32)))
    (import "" "par" (func $par (result i32)))
    (func (export "sum-of-squares") (param $n i32) (param $workers i32) (result i64)
      (local $k i32) (local $seen i32)
      (if (i32.eqz (local.get $workers)) (then unreachable))
      (i32.atomic.store (i32.const 0) (i32.const 0))
      (i64.atomic.store (i32.const 8) (i64.const 0))
      (i32.atomic.store (i32.const 16) (local.get $n))
      (i32.atomic.store (i32.const 20) (local.get $workers))
      (loop $more
        ;; a spawn that fails returns 0
        (if (i32.eqz (call $spawn (i32.const 0) (local.get $k))) (then unreachable))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $more (i32.lt_u (local.get $k) (local.get $workers))))
      (block $done (loop $again
        (local.set $seen (i32.atomic.load (i32.const 0)))
        (br_if $done (i32.ge_u (local.get $seen) (local.get $workers)))
        (drop (memory.atomic.wait32 (i32.const 0) (local.get $seen) (i64.const -1)))
        (br $again)))
      (i64.atomic.load (i32.const 8)))
    (func (export "parallelism") (result i32) (call $par)))
  (core instance $main (instantiate $Main
    (with "libc" (instance $libc))
    (with "" (instance (export "spawn" (func $spawn)) (export "par" (func $par))))))
  (func (export "sum-of-squares") (param "n" u32) (param "workers" u32) (result u64)
    (canon lift (core func $main "sum-of-squares")))
  (func (export "parallelism") (result u32) (canon lift (core func $main "parallelism"))))
