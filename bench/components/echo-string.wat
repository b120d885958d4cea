;; `echo: func(s: string) -> string`: the string is lowered into linear memory
;; (UTF-8) and lifted back out; the core function only hands the same bytes
;; back. The floor is TextEncoder.encodeInto into the same memory, the same
;; core call, and TextDecoder.decode of the bytes it returns.
(component
  (core module $m
    ;; 4 pages: room for a 64 KiB string at any UTF-16 → UTF-8 overestimate
    (memory (export "memory") 4)
    ;; One live allocation at a time: every request gets the same block at
    ;; HEAP (64), so growing in place keeps its bytes, and the bench measures
    ;; the glue rather than an allocator.
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $new-size i32) (result i32)
      (if (i32.gt_u (local.get $new-size) (i32.const 262080)) ;; 4 pages − HEAP
        (then unreachable))
      (i32.const 64))
    ;; (ptr, len) → the same (ptr, len), through the return area at 0
    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 0) (local.get $ptr))
      (i32.store (i32.const 4) (local.get $len))
      (i32.const 0)))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo")
      (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=utf8)))
