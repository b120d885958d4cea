;; A cross-component string call: component $B's `relay(s)` hands the string
;; to component $A's `echo` through a lowered import and returns the answer.
;; canonjs compiles the B → A call into one fused adapter (memory to memory,
;; no JS string in between); the JS → B and B → JS crossings are the same as
;; in echo-string.wat. Each memory has one live block, as there.
(component
  (component $A
    (core module $m
      (memory (export "memory") 4)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (if (i32.gt_u (local.get 3) (i32.const 262080)) (then unreachable))
        (i32.const 64))
      (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $i "echo")
        (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
  (component $B
    (import "echo" (func $echo (param "s" string) (result string)))
    (core module $mem
      (memory (export "memory") 8)
      ;; two blocks: B's argument at 64, the string coming back at 262208;
      ;; a resize (the glue's shrink after a worst-case guess) stays in place
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (if (i32.gt_u (local.get 3) (i32.const 262080)) (then unreachable))
        (if (local.get 0) (then (return (local.get 0))))
        (if (result i32) (i32.eqz (i32.load (i32.const 16)))
          (then (i32.store (i32.const 16) (i32.const 1)) (i32.const 64))
          (else (i32.store (i32.const 16) (i32.const 0)) (i32.const 262208)))))
    (core instance $mem (instantiate $mem))
    (core func $echo (canon lower (func $echo)
      (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
    (core module $m
      (import "" "echo" (func $echo (param i32 i32 i32)))
      (import "" "memory" (memory 8))
      ;; (ptr, len) → echo's answer, through the return area at 0
      (func (export "relay") (param $ptr i32) (param $len i32) (result i32)
        (i32.store (i32.const 16) (i32.const 1)) ;; the next realloc is the answer's
        (call $echo (local.get $ptr) (local.get $len) (i32.const 0))
        (i32.store (i32.const 16) (i32.const 0)) ;; the next is an argument's
        (i32.const 0)))
    (core instance $i (instantiate $m (with "" (instance
      (export "echo" (func $echo)) (export "memory" (memory $mem "memory"))))))
    (func (export "relay") (param "s" string) (result string)
      (canon lift (core func $i "relay")
        (memory (core memory $mem "memory")) (realloc (core func $mem "realloc")))))
  (instance $a (instantiate $A))
  (instance $b (instantiate $B (with "echo" (func $a "echo"))))
  (export "relay" (func $b "relay")))
