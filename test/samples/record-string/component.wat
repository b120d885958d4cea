;; A record with a string, lowered into memory through realloc and lifted
;; back from a return pointer, with post-return.
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      ;; a shrinking realloc (the string glue's second call) keeps the block in place
      (if (i32.ne (local.get 0) (i32.const 0)) (then (return (local.get 0))))
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    ;; greet(p: person) -> person: returns the person with age + 1
    (func (export "greet") (param $name i32) (param $len i32) (param $age i32) (result i32)
      (i32.store (i32.const 0) (local.get $name))
      (i32.store (i32.const 4) (local.get $len))
      (i32.store (i32.const 8) (i32.add (local.get $age) (i32.const 1)))
      (i32.const 0))
    (func (export "post") (param i32)))
  (core instance $i (instantiate $m))
  (type $person-def (record (field "full-name" string) (field "age" u32)))
  (export $person "person" (type $person-def))
  (func (export "greet") (param "p" $person) (result $person)
    (canon lift (core func $i "greet") (memory (core memory $i "mem"))
      (realloc (core func $i "realloc")) (post-return (core func $i "post")))))
