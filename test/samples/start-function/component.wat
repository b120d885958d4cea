;; A component-level start function (🪙) with no values: `init` runs once at
;; instantiation, after the core instance it needs, and sets the state `get` reads.
(component
  (import "seed" (func $seed (result u32)))
  (core func $seed' (canon lower (func $seed)))
  (core module $M
    (import "host" "seed" (func $seed (result i32)))
    (global $state (mut i32) (i32.const 0))
    (func (export "init") (global.set $state (i32.mul (call $seed) (i32.const 2))))
    (func (export "get") (result i32) (global.get $state)))
  (core instance $m (instantiate $M (with "host" (instance (export "seed" (func $seed'))))))
  (func $init (canon lift (core func $m "init")))
  (start $init)
  (func (export "get") (result u32) (canon lift (core func $m "get"))))
