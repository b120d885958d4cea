;; 17 flat parameters exceed MAX_FLAT_PARAMS (16): they are stored in memory
;; and the core function takes one pointer.
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      ;; a shrinking realloc (the string glue's second call) keeps the block in place
      (if (i32.ne (local.get 0) (i32.const 0)) (then (return (local.get 0))))
      (local.set $p (global.get $bump))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    ;; sum of the 17 u8 params at the pointer (4-byte aligned tuple of u8s: 1 byte each)
    (func (export "sum") (param $p i32) (result i32)
      (local $i i32) (local $s i32)
      (block $done (loop $l
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $s)))
  (core instance $i (instantiate $m))
  (func (export "sum")
    (param "a" u8) (param "b" u8) (param "c" u8) (param "d" u8) (param "e" u8) (param "f" u8)
    (param "g" u8) (param "h" u8) (param "i" u8) (param "j" u8) (param "k" u8) (param "l" u8)
    (param "m" u8) (param "n" u8) (param "o" u8) (param "p" u8) (param "q" u8)
    (result u32)
    (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
