;; `resource counter { constructor(start: u32); get: func() -> u32 }` with a
;; destructor: the bench creates one, calls `get`, and drops it
;; ([Symbol.dispose]). The rep is the start value itself. The floor is the
;; same core functions called directly (constructor, get, destructor) and one
;; plain JS object for the handle.
(component
  ;; the destructor lives in its own module: the resource type needs it
  ;; before the main module can import the type's resource.new
  (core module $dtor-m
    (global $dropped (export "dropped") (mut i32) (i32.const 0))
    (func (export "dtor") (param $rep i32)
      (global.set $dropped (i32.add (global.get $dropped) (i32.const 1)))))
  (core instance $d (instantiate $dtor-m))
  (type $counter' (resource (rep i32) (dtor (core func $d "dtor"))))
  (core func $new (canon resource.new $counter'))
  (core module $m
    (import "counter" "new" (func $new (param i32) (result i32)))
    (func (export "constructor") (param $start i32) (result i32)
      (call $new (local.get $start)))
    (func (export "get") (param $rep i32) (result i32)
      (local.get $rep)))
  (core instance $i (instantiate $m (with "counter" (instance (export "new" (func $new))))))
  (func $constructor (param "start" u32) (result (own $counter'))
    (canon lift (core func $i "constructor")))
  (func $get (param "self" (borrow $counter')) (result u32)
    (canon lift (core func $i "get")))
  ;; jco takes resource types only inside an interface, and a method's
  ;; resource must be the one exported beside it: a small component gives the
  ;; interface its shape (as wit-component does).
  (component $api-shape
    (import "counter-type" (type $c (sub resource)))
    (import "constructor" (func $constructor (param "start" u32) (result (own $c))))
    (import "get" (func $get (param "self" (borrow $c)) (result u32)))
    (export $counter "counter" (type $c))
    (export "[constructor]counter" (func $constructor) (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.get" (func $get) (func (param "self" (borrow $counter)) (result u32))))
  (instance $api (instantiate $api-shape
    (with "counter-type" (type $counter'))
    (with "constructor" (func $constructor))
    (with "get" (func $get))))
  (export "bench:resource/api" (instance $api)))
