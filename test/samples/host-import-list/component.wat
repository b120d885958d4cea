;; A host import returning list<u32>: the lowered import calls the host,
;; checks the array, allocates with realloc and writes through the out-pointer.
(component
  (import "numbers" (func $numbers (param "n" u32) (result (list u32))))
  (core module $mem
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      ;; a shrinking realloc (the string glue's second call) keeps the block in place
      (if (i32.ne (local.get 0) (i32.const 0)) (then (return (local.get 0))))
      (local.set $p (global.get $bump))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $mem (instantiate $mem))
  (core func $numbers (canon lower (func $numbers) (memory (core memory $mem "mem")) (realloc (core func $mem "realloc"))))
  (core module $m
    (import "host" "numbers" (func $numbers (param i32 i32)))
    (import "mem" "mem" (memory 1))
    ;; total(n) = sum of numbers(n)
    (func (export "total") (param $n i32) (result i32)
      (local $p i32) (local $len i32) (local $i i32) (local $s i32)
      (call $numbers (local.get $n) (i32.const 0))
      (local.set $p (i32.load (i32.const 0)))
      (local.set $len (i32.load (i32.const 4)))
      (block $done (loop $l
        (br_if $done (i32.eq (local.get $i) (local.get $len)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $s)))
  (core instance $i (instantiate $m
    (with "host" (instance (export "numbers" (func $numbers))))
    (with "mem" (instance $mem))))
  (func (export "total") (param "n" u32) (result u32) (canon lift (core func $i "total"))))
