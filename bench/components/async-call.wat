;; Host → guest async call: `inc: async func(x: u32) -> u32`, a callback lift
;; whose core entry calls task.return at once and exits (no waiting). The
;; floor is the same core entry called directly, task.return a plain JS import.
(component
  (core func $ret (canon task.return (result u32)))
  (core module $m
    (import "" "ret" (func $ret (param i32)))
    (func (export "inc") (param $x i32) (result i32)
      (call $ret (i32.add (local.get $x) (i32.const 1)))
      (i32.const 0)) ;; EXIT
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m (with "" (instance (export "ret" (func $ret))))))
  (func (export "inc") async (param "x" u32) (result u32)
    (canon lift (core func $i "inc") async (callback (core func $i "cb")))))
