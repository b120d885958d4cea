;; A memory that spells out the default page size, (pagesize 65536): the
;; flag alone makes engines without the proposal reject the module; lowered,
;; it is an ordinary memory.
(component
  (core module $m
    (memory (export "mem") 1 (pagesize 65536))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
    (func (export "echo-pair") (param i32 i32) (result i32)
      (i32.store (i32.const 0) (local.get 0))
      (i32.store (i32.const 4) (local.get 1))
      (i32.const 0))
    (func (export "size") (result i32) (memory.size)))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo-pair") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "size") (result u32) (canon lift (core func $i "size")))
)
