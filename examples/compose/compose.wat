;; Two components composed into one, written as component text (no composition
;; tool needed): `upper` exports the interface example:text/case; `shout` imports
;; that interface and exports `shout: func(s: string) -> string`, which answers
;; upper(s) + "!". The outer component instantiates `upper`, passes its export to
;; `shout`, and exports what both offer. Each inner component has its own core
;; module and linear memory: a string crossing from one to the other is lifted
;; out of one memory and lowered into the other.
(component
  ;; ─── component 1: example:text/case, upper(s) → s with ASCII letters upper-cased
  (component $upper
    (core module $m
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 1024))
      ;; realloc(old, old_size, align, new_size): a bump allocator that never frees
      (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $p i32)
        (local.set $p
          (i32.and
            (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
            (i32.sub (i32.const 0) (local.get 2))))
        (global.set $heap (i32.add (local.get $p) (local.get 3)))
        (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
          (then
            (if (i32.eq
                  (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.const 1)) (i32.const 16))
                                        (i32.sub (i32.const 1) (memory.size))))
                  (i32.const -1))
              (then unreachable))))
        ;; a grown or shrunk block keeps its contents (the canonical ABI relies on it)
        (if (local.get 0)
          (then (memory.copy (local.get $p) (local.get 0)
            (select (local.get 1) (local.get 3) (i32.lt_u (local.get 1) (local.get 3))))))
        (local.get $p))
      ;; upper(ptr, len) -> pointer to (ptr, len) of the answer
      (func (export "upper") (param $ptr i32) (param $len i32) (result i32)
        (local $out i32) (local $i i32) (local $c i32) (local $ret i32)
        (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $len)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $c (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
            (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
              (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
            (i32.store8 (i32.add (local.get $out) (local.get $i)) (local.get $c))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
        (i32.store (local.get $ret) (local.get $out))
        (i32.store offset=4 (local.get $ret) (local.get $len))
        (local.get $ret)))
    (core instance $i (instantiate $m))
    (alias core export $i "memory" (core memory $memory))
    (alias core export $i "realloc" (core func $realloc))
    (alias core export $i "upper" (core func $upper-core))
    (func $upper (param "s" string) (result string)
      (canon lift (core func $upper-core) (memory $memory) (realloc $realloc)))
    (instance $case (export "upper" (func $upper)))
    (export "example:text/case" (instance $case)))

  ;; ─── component 2: imports example:text/case, exports shout(s) = upper(s) + "!"
  (component $shout
    (import "example:text/case" (instance $case
      (export "upper" (func (param "s" string) (result string)))))
    (core module $mem
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 1024))
      (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $p i32)
        (local.set $p
          (i32.and
            (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
            (i32.sub (i32.const 0) (local.get 2))))
        (global.set $heap (i32.add (local.get $p) (local.get 3)))
        (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
          (then
            (if (i32.eq
                  (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.const 1)) (i32.const 16))
                                        (i32.sub (i32.const 1) (memory.size))))
                  (i32.const -1))
              (then unreachable))))
        ;; a grown or shrunk block keeps its contents (the canonical ABI relies on it)
        (if (local.get 0)
          (then (memory.copy (local.get $p) (local.get 0)
            (select (local.get 1) (local.get 3) (i32.lt_u (local.get 1) (local.get 3))))))
        (local.get $p)))
    (core instance $mem (instantiate $mem))
    (alias core export $mem "memory" (core memory $memory))
    (alias core export $mem "realloc" (core func $realloc))
    (alias export $case "upper" (func $upper))
    (core func $upper-core (canon lower (func $upper) (memory $memory) (realloc $realloc)))
    (core module $m
      (import "mem" "memory" (memory 1))
      (import "mem" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
      (import "case" "upper" (func $upper (param i32 i32 i32)))
      ;; shout(ptr, len) -> pointer to (ptr, len) of the answer
      (func (export "shout") (param $ptr i32) (param $len i32) (result i32)
        (local $ret i32) (local $up i32) (local $uplen i32) (local $out i32)
        (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
        (call $upper (local.get $ptr) (local.get $len) (local.get $ret))
        (local.set $up (i32.load (local.get $ret)))
        (local.set $uplen (i32.load offset=4 (local.get $ret)))
        (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $uplen) (i32.const 1))))
        (memory.copy (local.get $out) (local.get $up) (local.get $uplen))
        (i32.store8 (i32.add (local.get $out) (local.get $uplen)) (i32.const 33))
        (i32.store (local.get $ret) (local.get $out))
        (i32.store offset=4 (local.get $ret) (i32.add (local.get $uplen) (i32.const 1)))
        (local.get $ret)))
    (core instance $case-core (export "upper" (func $upper-core)))
    (core instance $i (instantiate $m (with "mem" (instance $mem)) (with "case" (instance $case-core))))
    (alias core export $i "shout" (core func $shout-core))
    (func $shout (param "s" string) (result string)
      (canon lift (core func $shout-core) (memory $memory) (realloc $realloc)))
    (export "shout" (func $shout)))

  ;; ─── the composition: upper's export satisfies shout's import
  (instance $u (instantiate $upper))
  (alias export $u "example:text/case" (instance $case))
  (instance $s (instantiate $shout (with "example:text/case" (instance $case))))
  (alias export $s "shout" (func $shout))
  (export "shout" (func $shout))
  (export "example:text/case" (instance $case)))
