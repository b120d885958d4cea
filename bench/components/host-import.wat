;; Host import call: `call-g(n)` calls the imported `g: func() -> u32` n
;; times and returns the sum (so no call is dead). The floor is the same core
;; module instantiated directly, its `g` import a plain JS function.
(component
  (import "g" (func $g (result u32)))
  (core func $g-lowered (canon lower (func $g)))
  (core module $m
    (import "host" "g" (func $g (result i32)))
    (func (export "call-g") (param $n i32) (result i32)
      (local $sum i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $sum (i32.add (local.get $sum) (call $g)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $sum)))
  (core instance $host (export "g" (func $g-lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func (export "call-g") (param "n" u32) (result u32)
    (canon lift (core func $i "call-g"))))
