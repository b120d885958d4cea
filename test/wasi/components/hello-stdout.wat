;; A command component that writes to stdout through WASI 0.2.6 interfaces
;; (a resource, a borrow, a list and a result): what it prints is its first
;; argument after "hello from 0.2.6, ", then a newline.
(component
  (import "wasi:io/error@0.2.6" (instance $io-error
    (export "error" (type (sub resource)))))
  (alias export $io-error "error" (type $error))
  (import "wasi:io/streams@0.2.6" (instance $streams
    (alias outer 1 $error (type $error-outer))
    (export "error" (type $err (eq $error-outer)))
    (type $stream-error-def (variant (case "last-operation-failed" (own $err)) (case "closed")))
    (export "stream-error" (type $stream-error (eq $stream-error-def)))
    (export "output-stream" (type $os (sub resource)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $os)) (param "contents" (list u8)) (result (result (error $stream-error)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:cli/stdout@0.2.6" (instance $stdout
    (alias outer 1 $output-stream (type $os-outer))
    (export "output-stream" (type $os (eq $os-outer)))
    (export "get-stdout" (func (result (own $os))))))
  (import "wasi:cli/environment@0.2.6" (instance $env
    (export "get-arguments" (func (result (list string))))))

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
      (local.get $p)))
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $memory))
  (alias core export $libc "realloc" (core func $realloc))

  (alias export $stdout "get-stdout" (func $get-stdout))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))
  (alias export $env "get-arguments" (func $get-args))
  (core func $get-stdout (canon lower (func $get-stdout)))
  (core func $write (canon lower (func $write) (memory $memory)))
  (core func $get-args (canon lower (func $get-args) (memory $memory) (realloc $realloc)))
  (core func $drop-stream (canon resource.drop $output-stream))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "get-stdout" (func $get-stdout (result i32)))
    (import "host" "write" (func $write (param i32 i32 i32 i32)))
    (import "host" "get-arguments" (func $get-args (param i32)))
    (import "host" "drop-stream" (func $drop (param i32)))
    (data (i32.const 64) "hello from 0.2.6, ")
    (func (export "run") (result i32)
      (local $out i32) (local $arg i32) (local $len i32)
      (call $get-args (i32.const 0))
      ;; argv[1]: (ptr, len) at the list's second element
      (local.set $arg (i32.load offset=8 (i32.load (i32.const 0))))
      (local.set $len (i32.load offset=12 (i32.load (i32.const 0))))
      ;; "hello from 0.2.6, " + argv[1] + "\n" at 512
      (memory.copy (i32.const 512) (i32.const 64) (i32.const 18))
      (memory.copy (i32.const 530) (local.get $arg) (local.get $len))
      (i32.store8 (i32.add (i32.const 530) (local.get $len)) (i32.const 10))
      (local.set $out (call $get-stdout))
      (call $write (local.get $out) (i32.const 512) (i32.add (local.get $len) (i32.const 19)) (i32.const 16))
      (call $drop (local.get $out))
      ;; the write's result: 0 ok, 1 err → run's result
      (i32.load8_u (i32.const 16))))
  (core instance $host
    (export "get-stdout" (func $get-stdout))
    (export "write" (func $write))
    (export "get-arguments" (func $get-args))
    (export "drop-stream" (func $drop-stream)))
  (core instance $main (instantiate $main (with "libc" (instance $libc)) (with "host" (instance $host))))

  (alias core export $main "run" (core func $run-core))
  (func $run (result (result)) (canon lift (core func $run-core)))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.6" (instance $run)))
