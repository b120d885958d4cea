;; Trivial export call: `f: func() -> u32`, the smallest call across the
;; component boundary. The floor is the same core export called directly.
(component
  (core module $m
    (func (export "f") (result i32)
      i32.const 42))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32)
    (canon lift (core func $i "f"))))
