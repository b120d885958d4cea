;; A component whose core memory has 1-byte pages (custom page sizes): 1000
;; bytes at first, grown byte by byte by realloc. No engine has the
;; proposal, so canonjs lowers it to 64 KiB pages with the size kept in a
;; global; the glue's views end at the component's size, not the page's.
(component
  (core module $m
    (memory (export "mem") 1000 (pagesize 1))
    (global $bump (mut i32) (i32.const 512))
    (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (if (i32.ne (local.get 0) (i32.const 0)) (then (if (i32.le_u (local.get 3) (local.get 1)) (then (return (local.get 0))))))
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      ;; grow to exactly the bytes needed (pages are bytes)
      (if (i32.gt_u (global.get $bump) (memory.size))
        (then (if (i32.eq (memory.grow (i32.sub (global.get $bump) (memory.size))) (i32.const -1)) (then unreachable))))
      (if (i32.ne (local.get 0) (i32.const 0)) (then (memory.copy (local.get $p) (local.get 0) (local.get 1))))
      (local.get $p))
    (func (export "echo-pair") (param i32 i32) (result i32)
      (i32.store (i32.const 64) (local.get 0))
      (i32.store (i32.const 68) (local.get 1))
      (i32.const 64))
    (func (export "size") (result i32) (memory.size))
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
    ;; a string at 990 of length 20: inside the 64 KiB page, past the 1000 bytes
    (func (export "past-end") (result i32)
      (i32.store (i32.const 96) (i32.const 990))
      (i32.store (i32.const 100) (i32.const 20))
      (i32.const 96)))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo-pair") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "echo-words") (param "xs" (list u32)) (result (list u32))
    (canon lift (core func $i "echo-pair") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "size") (result u32) (canon lift (core func $i "size")))
  (func (export "peek") (param "at" u32) (result u8) (canon lift (core func $i "peek")))
  (func (export "past-end") (result string) (canon lift (core func $i "past-end") (memory (core memory $i "mem"))))
)
