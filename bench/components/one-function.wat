;; The one-function component of the output-size target (≤ 3 KB of JS):
;; `f: func(x: u32) -> u32`, x + 1.
(component
  (core module $m
    (func (export "f") (param i32) (result i32)
      local.get 0 i32.const 1 i32.add))
  (core instance $i (instantiate $m))
  (func (export "f") (param "x" u32) (result u32)
    (canon lift (core func $i "f"))))
