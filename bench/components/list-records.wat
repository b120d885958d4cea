;; `total: func(items: list<item>) -> f64` with `record item { id: u32,
;; price: f64, qty: u16 }` (24 bytes each: id @0, price @8, qty @16): 1,000
;; records are lowered into linear memory and Σ price × qty is computed there.
;; The floor writes the same fields through typed-array views of the memory
;; and makes the same core call.
(component
  (core module $m
    (memory (export "memory") 2)
    ;; one live allocation at a time, always at HEAP (64); see echo-string.wat
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $new-size i32) (result i32)
      (if (i32.gt_u (local.get $new-size) (i32.const 131008)) ;; 2 pages − HEAP
        (then unreachable))
      (i32.const 64))
    (func (export "total") (param $ptr i32) (param $len i32) (result f64)
      (local $total f64)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $total
            (f64.add (local.get $total)
              (f64.mul
                (f64.load offset=8 (local.get $ptr))
                (f64.convert_i32_u (i32.load16_u offset=16 (local.get $ptr))))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 24)))
          (local.set $len (i32.sub (local.get $len) (i32.const 1)))
          (br $next)))
      (local.get $total)))
  (core instance $i (instantiate $m))
  (type $item' (record (field "id" u32) (field "price" f64) (field "qty" u16)))
  (func $total (param "items" (list $item')) (result f64)
    (canon lift (core func $i "total") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
  ;; jco takes named types only inside an interface, so the export is one
  (instance $api (export "item" (type $item')) (export "total" (func $total)))
  (export "bench:records/api" (instance $api)))
