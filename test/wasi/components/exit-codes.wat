;; A command component that needs no resources: what it does depends on its
;; argument count (argv[0] included):
;;   1 → run returns ok (exit 0)          2 → run returns err (exit 1)
;;   3 → traps (unreachable)              ≥ 4 → exit-with-code(argc + 16 × env count)
(component
  (import "wasi:cli/environment@0.2.3" (instance $env
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result (list string))))
  ))
  (import "wasi:cli/exit@0.2.3" (instance $exit
    (export "exit-with-code" (func (param "status-code" u8)))
  ))

  ;; memory and a bump allocator, instantiated first so the lowerings can use them
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    ;; realloc(old, old-size, align, new-size): bump allocation (8-aligned); a grown or
    ;; shrunk block keeps its contents, as the canonical ABI requires
    (func (export "realloc") (param $old i32) (param $old-size i32) (param i32) (param $new-size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (global.set $next (i32.add (local.get $p) (local.get $new-size)))
      (if (local.get $old)
        (then (memory.copy (local.get $p) (local.get $old)
          (select (local.get $old-size) (local.get $new-size) (i32.lt_u (local.get $old-size) (local.get $new-size))))))
      (local.get $p))
  )
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $memory))
  (alias core export $libc "realloc" (core func $realloc))

  (alias export $env "get-environment" (func $get-env))
  (alias export $env "get-arguments" (func $get-args))
  (alias export $exit "exit-with-code" (func $exit-with-code))
  (core func $get-env (canon lower (func $get-env) (memory $memory) (realloc $realloc)))
  (core func $get-args (canon lower (func $get-args) (memory $memory) (realloc $realloc)))
  (core func $exit-with-code (canon lower (func $exit-with-code)))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "get-environment" (func $get-env (param i32)))
    (import "host" "get-arguments" (func $get-args (param i32)))
    (import "host" "exit-with-code" (func $exit (param i32)))
    (func (export "run") (result i32)
      (local $argc i32)
      (call $get-args (i32.const 0))
      (local.set $argc (i32.load offset=4 (i32.const 0)))
      (if (i32.eq (local.get $argc) (i32.const 1)) (then (return (i32.const 0))))
      (if (i32.eq (local.get $argc) (i32.const 2)) (then (return (i32.const 1))))
      (if (i32.eq (local.get $argc) (i32.const 3)) (then unreachable))
      (call $get-env (i32.const 8))
      (call $exit (i32.add (local.get $argc) (i32.mul (i32.load offset=12 (i32.const 0)) (i32.const 16))))
      (i32.const 0))
  )
  (core instance $host
    (export "get-environment" (func $get-env))
    (export "get-arguments" (func $get-args))
    (export "exit-with-code" (func $exit-with-code)))
  (core instance $main (instantiate $main (with "libc" (instance $libc)) (with "host" (instance $host))))

  (alias core export $main "run" (core func $run-core))
  (func $run (result (result)) (canon lift (core func $run-core)))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.3" (instance $run))
)
