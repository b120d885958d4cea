;; Both features at once: a 64-bit memory of 1-byte pages (100 bytes), grown
;; byte by byte by realloc; lowered to 32 bits and 64 KiB pages where needed.
(component
  (core module $m
    (memory (export "mem") i64 100 (pagesize 1))
    (global $bump (mut i64) (i64.const 80))
    (func $realloc (export "realloc") (param i64 i64 i64 i64) (result i64)
      (local $p i64)
      (local.set $p (global.get $bump))
      (global.set $bump (i64.add (local.get $p) (local.get 3)))
      (if (i64.gt_u (global.get $bump) (memory.size))
        (then (if (i64.eq (memory.grow (i64.sub (global.get $bump) (memory.size))) (i64.const -1)) (then unreachable))))
      (if (i64.ne (local.get 0) (i64.const 0)) (then (memory.copy (local.get $p) (local.get 0) (local.get 1))))
      (local.get $p))
    (func (export "echo-pair") (param i64 i64) (result i64)
      (i64.store (i64.const 0) (local.get 0))
      (i64.store (i64.const 8) (local.get 1))
      (i64.const 0))
    (func (export "size") (result i64) (memory.size)))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo-pair") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "size") (result u64) (canon lift (core func $i "size")))
)
