;; `sum: func(bytes: list<u8>) -> u32`: a 64 KiB list is lowered into linear
;; memory and summed there (16 bytes at a time with SIMD, so the core work
;; stays small next to the copy). The floor is Uint8Array.set into the same
;; memory and the same core call.
(component
  (core module $m
    (memory (export "memory") 2)
    ;; one live allocation at a time, always at HEAP (64); see echo-string.wat
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $new-size i32) (result i32)
      (if (i32.gt_u (local.get $new-size) (i32.const 131008)) ;; 2 pages − HEAP
        (then unreachable))
      (i32.const 64))
    (func (export "sum") (param $ptr i32) (param $len i32) (result i32)
      (local $end i32) (local $stop i32) (local $lanes v128) (local $sum i32)
      (local.set $stop (i32.add (local.get $ptr) (local.get $len)))
      (local.set $end (i32.add (local.get $ptr) (i32.and (local.get $len) (i32.const -16))))
      ;; 16 bytes at a time: widen u8 → u16 → u32 pairwise, add into 4 lanes
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
          (local.set $lanes
            (i32x4.add (local.get $lanes)
              (i32x4.extadd_pairwise_i16x8_u
                (i16x8.extadd_pairwise_i8x16_u (v128.load (local.get $ptr))))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
          (br $next)))
      (local.set $sum
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $lanes)) (i32x4.extract_lane 1 (local.get $lanes)))
          (i32.add (i32x4.extract_lane 2 (local.get $lanes)) (i32x4.extract_lane 3 (local.get $lanes)))))
      ;; the last len % 16 bytes one at a time
      (block $tail-done
        (loop $tail
          (br_if $tail-done (i32.ge_u (local.get $ptr) (local.get $stop)))
          (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $ptr))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
          (br $tail)))
      (local.get $sum)))
  (core instance $i (instantiate $m))
  (func (export "sum") (param "bytes" (list u8)) (result u32)
    (canon lift (core func $i "sum") (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
