;; Two components composed in one: A lifts `echo` with string-encoding=utf16;
;; B imports it, lowers it with latin1+utf16, and exports `run`, which calls
;; it. The call from B's core module into A's is the fused call.
(component
  (component $A
    (core module $m
      (memory (export "memory") 1)
      (global $top (mut i32) (i32.const 1024))
      (func (export "realloc") (param $old i32) (param $osz i32) (param $align i32) (param $size i32) (result i32)
        (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $top) (i32.sub (local.get $align) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get $align))))
        (global.set $top (i32.add (local.get $p) (local.get $size)))
        (if (i32.gt_u (global.get $top) (i32.shl (memory.size) (i32.const 16)))
          (then (drop (memory.grow (i32.const 1)))))
        (if (local.get $old) (then
          (memory.copy (local.get $p) (local.get $old)
            (select (local.get $osz) (local.get $size) (i32.lt_u (local.get $osz) (local.get $size))))))
        (local.get $p))
      (func (export "echo") (param i32 i32) (result i32)
        (i32.store (i32.const 16) (local.get 0))
        (i32.store (i32.const 20) (local.get 1))
        (i32.const 16))
      (func (export "post") (param i32)))
    (core instance $i (instantiate $m))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))
        string-encoding=utf16 (post-return (core func $i "post")))))
  (instance $a (instantiate $A))
  (component $B
    (import "echo" (func $echo (param "s" string) (result string)))
    (core module $libc
      (memory (export "memory") 1)
      (global $top (mut i32) (i32.const 1024))
      (func (export "realloc") (param $old i32) (param $osz i32) (param $align i32) (param $size i32) (result i32)
        (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $top) (i32.sub (local.get $align) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get $align))))
        (global.set $top (i32.add (local.get $p) (local.get $size)))
        (if (i32.gt_u (global.get $top) (i32.shl (memory.size) (i32.const 16)))
          (then (drop (memory.grow (i32.const 1)))))
        (if (local.get $old) (then
          (memory.copy (local.get $p) (local.get $old)
            (select (local.get $osz) (local.get $size) (i32.lt_u (local.get $osz) (local.get $size))))))
        (local.get $p)))
    (core instance $libc (instantiate $libc))
    (core func $echo-lowered (canon lower (func $echo) (memory (core memory $libc "memory"))
      (realloc (core func $libc "realloc")) string-encoding=latin1+utf16))
    (core module $main
      (import "libc" "memory" (memory 1))
      (import "host" "echo" (func $echo (param i32 i32 i32)))
      (func (export "run") (param i32 i32) (result i32)
        (call $echo (local.get 0) (local.get 1) (i32.const 32))
        (i32.const 32)))
    (core instance $main (instantiate $main
      (with "libc" (instance $libc))
      (with "host" (instance (export "echo" (func $echo-lowered))))))
    (func (export "run") (param "s" string) (result string)
      (canon lift (core func $main "run") (memory (core memory $libc "memory"))
        (realloc (core func $libc "realloc")) string-encoding=latin1+utf16)))
  (instance $b (instantiate $B (with "echo" (func $a "echo"))))
  (export "run" (func $b "run")))
