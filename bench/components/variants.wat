;; A variant/option/result-heavy call:
;;   variant shape { circle(f32), rect(tuple<f32, f32>), empty }
;;   classify: func(a: option<u32>, b: result<u32, u8>, s: shape) -> result<option<u32>, u8>
;; Seven flat parameters in; the result (12 bytes) comes back through a
;; return area in memory. In core: err(b) if b is an error, ok(none) if a is
;; none, else ok(some(a + b + area(s))).
(component
  (core module $m
    (memory (export "memory") 1)
    ;; result<option<u32>, u8> at RET (16): case u8 @0, then option case u8 @4 and u32 @8 (or the error u8 @4)
    (func (export "classify")
      (param $a-case i32) (param $a i32) (param $b-case i32) (param $b i32)
      (param $s-case i32) (param $s0 f32) (param $s1 f32) (result i32)
      (local $area i32)
      (if (local.get $b-case)
        (then
          (i32.store8 (i32.const 16) (i32.const 1))
          (i32.store8 (i32.const 20) (local.get $b))
          (return (i32.const 16))))
      (i32.store8 (i32.const 16) (i32.const 0))
      (i32.store8 (i32.const 20) (local.get $a-case))
      (if (local.get $a-case)
        (then
          (local.set $area
            (if (result i32) (i32.eqz (local.get $s-case))
              (then (i32.trunc_sat_f32_u (f32.mul (local.get $s0) (local.get $s0))))
              (else (if (result i32) (i32.eq (local.get $s-case) (i32.const 1))
                (then (i32.trunc_sat_f32_u (f32.mul (local.get $s0) (local.get $s1))))
                (else (i32.const 0))))))
          (i32.store (i32.const 24) (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $area)))))
      (i32.const 16)))
  (core instance $i (instantiate $m))
  (type $shape' (variant (case "circle" f32) (case "rect" (tuple f32 f32)) (case "empty")))
  (func $classify
    (param "a" (option u32)) (param "b" (result u32 (error u8))) (param "s" $shape')
    (result (result (option u32) (error u8)))
    (canon lift (core func $i "classify") (memory (core memory $i "memory"))))
  ;; jco takes named types only inside an interface, so the export is one
  (instance $api (export "shape" (type $shape')) (export "classify" (func $classify)))
  (export "bench:variants/api" (instance $api)))
