/**
 * The trap catalogue: every trap the generated glue and the runtime raise.
 * A trap is a `WebAssembly.RuntimeError` whose `code` is one of these keys
 * (the message is for people; tests match the code).
 */
export const TRAPS = {
  'trap/out-of-bounds': 'pointer or length out of bounds of linear memory',
  'trap/misaligned-pointer': 'misaligned pointer',
  'trap/realloc-out-of-bounds': 'realloc returned a pointer out of bounds of linear memory',
  'trap/realloc-misaligned': 'realloc returned a misaligned pointer',
  'trap/string-too-long': 'string byte length exceeds 2^28 - 1',
  'trap/list-too-long': 'list byte length exceeds 2^28 - 1',
  'trap/invalid-utf8': 'invalid UTF-8 in a string',
  'trap/invalid-utf16': 'invalid UTF-16 in a string',
  'trap/invalid-char': 'invalid char: not a Unicode scalar value',
  'trap/invalid-discriminant': 'invalid variant discriminant',
  'trap/unknown-handle': 'unknown handle index',
  'trap/handle-type-mismatch': 'handle used with the wrong type',
  'trap/handle-not-owned': 'a borrowed handle cannot transfer ownership',
  'trap/handle-lent': 'cannot drop or transfer a resource while it is borrowed',
  'trap/borrows-remain': 'borrow handles still remain at the end of the call',
  'trap/handle-table-full': 'handle table is full (2^28 - 1 entries)',
  'trap/cannot-leave': 'cannot leave the component instance here (during post-return or realloc)',
  'trap/cannot-enter': 'cannot enter the component instance: it is already on the call stack',
  'trap/poisoned': 'component instance is poisoned by an earlier trap',
  'trap/core': 'a core wasm instruction trapped',
  'trap/no-task': 'this built-in needs a current task of its component instance (the call was not made through a task)',
  'trap/cannot-block-sync': 'cannot block a synchronous task before returning (no other thread of the instance is ready)',
  'trap/needs-stack-switching': 'core code must block here, which needs stack switching (JSPI or asyncify) that this build lacks',
  'trap/deadlock': 'deadlock detected: event loop cannot make further progress',
  'trap/unsupported-callback-code': 'unsupported callback code (the low 4 bits must be EXIT 0, YIELD 1 or WAIT 2)',
  'trap/task-already-resolved': 'task.return or task.cancel after the task already returned or was cancelled',
  'trap/task-not-resolved': 'the task ended without calling task.return (or task.cancel)',
  'trap/task-cancel-not-delivered': 'task.cancel without a delivered cancellation request',
  'trap/task-return-sync': 'task.return or task.cancel in a function lifted without the async option',
  'trap/task-return-mismatch': "task.return's result type or options differ from the current task's function",
  'trap/backpressure-overflow': 'backpressure.inc past 2^16 - 1',
  'trap/backpressure-underflow': 'backpressure.dec below zero',
  'trap/waitable-in-set': 'waitable cannot be used synchronously while added to a waitable set',
  'trap/waitable-sync-waiter': 'cannot join a waitable that a thread waits on synchronously',
  'trap/waitable-set-not-empty': 'cannot drop a waitable set that still contains waitables',
  'trap/waitable-set-waiters': 'cannot drop waitable set with waiters',
  'trap/subtask-not-resolved': 'cannot drop a subtask which has not yet resolved',
  'trap/subtask-resolve-delivered': 'cannot cancel a subtask whose resolution was already delivered',
  'trap/subtask-cancel-twice': 'cannot cancel a subtask twice',
  'trap/copy-busy': 'a read or write is already in progress on this stream or future end',
  'trap/stream-read-dropped': 'cannot read from stream after being notified that the writable end dropped',
  'trap/stream-write-dropped': 'cannot write to stream after being notified that the readable end dropped',
  'trap/future-read-done': 'cannot read from future after previous read succeeded',
  'trap/future-write-done': 'cannot write to future after previous write succeeded or readable end dropped',
  'trap/copy-same-instance': 'cannot read from and write to intra-component stream or future of a non-number type',
  'trap/cancel-not-copying': 'no read or write in progress to cancel on this stream or future end',
  'trap/drop-busy-end': 'cannot drop busy stream or future end (a read or write is in progress)',
  'trap/future-drop-unwritten': 'cannot drop future write end without first writing a value',
  'trap/lift-busy-end': 'cannot lift (pass on) a stream or future end while a read or write is in progress',
  'trap/lift-done-end': 'cannot lift stream or future end after being notified that the other end dropped or the value was read',
  'trap/lift-in-set': "cannot lift stream or future end while it's in a waitable set",
  'trap/buffer-too-long': 'stream buffer length exceeds 2^28 - 1',
  'trap/suspended-reentry': 'cannot enter a core instance while another of its stacks is suspended',
  'trap/cannot-suspend-here': 'core code must suspend here, but it was not entered through a suspendable (promising) entry',
  'trap/thread-not-suspended': 'the thread is not suspended (it is running, waiting, or already resumed)',
  'trap/thread-func-null': 'thread.new-indirect: the table entry is null or out of bounds',
  'trap/thread-func-type': 'thread.new-indirect: the function in the table does not have the expected core function type',
  'trap/thread-spawn-null-ref': 'thread.spawn-ref: the function reference is null',
  'trap/thread-unshared': 'a shared thread called a function that is not shared (only thread.spawn-* shared and thread.available-parallelism shared are)',
  'trap/thread-unreachable': 'a worker cannot reach what the new thread needs: a function exported by a core instance or in a table one exports (unchanged since instantiation), a shared memory exported by its instance, every core instance instantiated',
  'trap/thread-unavailable': 'this host cannot run shared threads: it lacks workers or SharedArrayBuffer (a browser page must be cross-origin isolated), or the worker script has no URL (a data: or blob: module)',
} as const;

export type TrapCode = keyof typeof TRAPS;

export interface Trap extends WebAssembly.RuntimeError {
  code: TrapCode;
}

/** Throws the trap `code`. */
export function trap(code: TrapCode): never {
  const e = new WebAssembly.RuntimeError(TRAPS[code]) as Trap;
  e.code = code;
  throw e;
}

/** Gives a core wasm trap (an engine RuntimeError without a code) the code `trap/core`; returns `e`. */
export function tagTrap(e: unknown): unknown {
  if (e instanceof WebAssembly.RuntimeError && (e as Partial<Trap>).code === undefined) (e as Trap).code = 'trap/core';
  return e;
}
