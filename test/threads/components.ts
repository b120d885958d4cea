/**
 * Components with shared threads (component text; encode.ts puts the `sh?`
 * byte in). `$Libc` defines the shared memory and the thread table, `$Work`
 * fills the table with thread functions, `$Main` spawns and waits with
 * `memory.atomic.wait32` (allowed on Node's main thread, not in a browser's).
 *
 * Memory: [0] the sum the threads add into, [4] how many threads finished.
 */

/** Table entries of SPAWN_INDIRECT (entry 0 stays null). */
export const ENTRY = { add: 1, trap: 2, arity: 3, wrongType: 4, callsHost: 5, nest: 6, parallelism: 7 } as const;

export const SPAWN_INDIRECT = `
(component
  (import "log" (func $log (param "x" u32)))
  (core module $Libc
    (memory (export "mem") 1 1 shared)
    (table (export "table") 8 funcref))
  (core instance $libc (instantiate $Libc))
  (core func $log (canon lower (func $log)))
  (alias core export $libc "table" (core table $tbl))
  (core type $ft (func (param i32)))
  ;; the 🧵② built-ins stay together: one canon section of their own (encode.ts)
  (core func $spawn (canon thread.spawn-indirect $ft (core table $tbl)))
  (core func $par (canon thread.available_parallelism))
  (core module $Work
    (import "libc" "mem" (memory 1 1 shared))
    (import "libc" "table" (table $t 8 funcref))
    (import "" "log" (func $log (param i32)))
    (import "" "spawn" (func $spawn (param i32 i32) (result i32)))
    (import "" "par" (func $par (result i32)))
    (func $finish
      (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
      (drop (memory.atomic.notify (i32.const 4) (i32.const -1))))
    ;; mem[0] += c
    (func $add (param $c i32)
      (drop (i32.atomic.rmw.add (i32.const 0) (local.get $c)))
      (call $finish))
    (func $trap (param $c i32) unreachable)
    (func $arity (param i32 i32))
    (func $wrongType (param i64))
    ;; a lowered host import is not shared: calling it from a shared thread traps
    (func $callsHost (param $c i32) (call $log (local.get $c)))
    ;; a shared thread spawns another one, which adds c
    (func $nest (param $c i32)
      (if (i32.eqz (call $spawn (i32.const 1) (local.get $c))) (then unreachable)))
    ;; mem[0] += available parallelism, as a shared thread sees it
    (func $parallelism (param $c i32)
      (drop (i32.atomic.rmw.add (i32.const 0) (call $par)))
      (call $finish))
    (elem (table $t) (i32.const 1) func $add $trap $arity $wrongType $callsHost $nest $parallelism))
  (core instance $work (instantiate $Work
    (with "libc" (instance $libc))
    (with "" (instance (export "log" (func $log)) (export "spawn" (func $spawn)) (export "par" (func $par))))))
  (core module $Main
    (import "libc" "mem" (memory 1 1 shared))
    (import "" "spawn" (func $spawn (param i32 i32) (result i32)))
    (import "" "par" (func $par (result i32)))
    (func $wait (export "wait") (param $n i32) (result i32)
      (local $seen i32)
      (block $done (loop $again
        (local.set $seen (i32.atomic.load (i32.const 4)))
        (br_if $done (i32.ge_u (local.get $seen) (local.get $n)))
        (drop (memory.atomic.wait32 (i32.const 4) (local.get $seen) (i64.const -1)))
        (br $again)))
      (i32.atomic.load (i32.const 0)))
    (func (export "spawn-at") (param $i i32) (param $c i32) (result i32)
      (call $spawn (local.get $i) (local.get $c)))
    ;; n threads adding 1..n; returns the sum once all finished
    (func (export "run") (param $n i32) (result i32)
      (local $i i32)
      (i32.atomic.store (i32.const 0) (i32.const 0))
      (i32.atomic.store (i32.const 4) (i32.const 0))
      (block $spawned (loop $more
        (br_if $spawned (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (call $spawn (i32.const 1) (local.get $i))) (then unreachable))
        (br $more)))
      (call $wait (local.get $n)))
    (func (export "parallelism") (result i32) (call $par)))
  (core instance $main (instantiate $Main
    (with "libc" (instance $libc))
    (with "" (instance (export "spawn" (func $spawn)) (export "par" (func $par))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $main "run")))
  (func (export "spawn-at") (param "i" u32) (param "c" u32) (result u32) (canon lift (core func $main "spawn-at")))
  (func (export "wait") (param "n" u32) (result u32) (canon lift (core func $main "wait")))
  (func (export "parallelism") (result u32) (canon lift (core func $main "parallelism"))))`;

/**
 * spawn-ref: \`$Main\` passes \`ref.func $add\` (exported, so a worker can name
 * it) or a null reference. Typed function references: Node 22 and later.
 */
export const SPAWN_REF = `
(component
  (core module $Libc (memory (export "mem") 1 1 shared))
  (core instance $libc (instantiate $Libc))
  (core type $ft (func (param i32)))
  (core func $spawn (canon thread.spawn-ref $ft))
  (core module $Main
    (type $ft (func (param i32)))
    (import "libc" "mem" (memory 1 1 shared))
    (import "" "spawn" (func $spawn (param (ref null $ft)) (param i32) (result i32)))
    (func $add (export "add") (type $ft)
      (drop (i32.atomic.rmw.add (i32.const 0) (local.get 0)))
      (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
      (drop (memory.atomic.notify (i32.const 4) (i32.const -1))))
    (func $hidden (type $ft) (drop (i32.atomic.rmw.add (i32.const 0) (local.get 0))))
    (elem declare func $add $hidden)
    ;; spawns n threads adding 1..n, waits for them (the count reaches what it was + n)
    (func (export "run") (param $n i32) (result i32)
      (local $i i32) (local $seen i32) (local $target i32)
      (local.set $target (i32.add (i32.atomic.load (i32.const 4)) (local.get $n)))
      (block $spawned (loop $more
        (br_if $spawned (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (call $spawn (ref.func $add) (local.get $i))) (then unreachable))
        (br $more)))
      (block $done (loop $again
        (local.set $seen (i32.atomic.load (i32.const 4)))
        (br_if $done (i32.ge_u (local.get $seen) (local.get $target)))
        (drop (memory.atomic.wait32 (i32.const 4) (local.get $seen) (i64.const -1)))
        (br $again)))
      (i32.atomic.load (i32.const 0)))
    (func (export "spawn-null") (result i32) (call $spawn (ref.null $ft) (i32.const 0)))
    (func (export "spawn-hidden") (result i32) (call $spawn (ref.func $hidden) (i32.const 0))))
  (core instance $main (instantiate $Main
    (with "libc" (instance $libc))
    (with "" (instance (export "spawn" (func $spawn))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $main "run")))
  (func (export "spawn-null") (result u32) (canon lift (core func $main "spawn-null")))
  (func (export "spawn-hidden") (result u32) (canon lift (core func $main "spawn-hidden"))))`;
