/**
 * The numbers of the async ABI (definitions.py `EventCode`, `CallbackCode`,
 * `Subtask.State`, `CopyResult`, `BLOCKED`) and their packings. Core wasm
 * sees exactly these values, so they are constants, not enums.
 */

/** Events delivered by `waitable-set.wait`/`poll` and to callbacks: (code, p1, p2). */
export const EVENT_NONE = 0;
export const EVENT_SUBTASK = 1;
export const EVENT_STREAM_READ = 2;
export const EVENT_STREAM_WRITE = 3;
export const EVENT_FUTURE_READ = 4;
export const EVENT_FUTURE_WRITE = 5;
export const EVENT_TASK_CANCELLED = 6;

/** What a callback (or the entry of a callback lift) returns, in the low 4 bits. */
export const CALLBACK_EXIT = 0;
export const CALLBACK_YIELD = 1;
export const CALLBACK_WAIT = 2;

/** Subtask states, as an async lower and a SUBTASK event report them. */
export const SUBTASK_STARTING = 0;
export const SUBTASK_STARTED = 1;
export const SUBTASK_RETURNED = 2;
export const SUBTASK_CANCELLED_BEFORE_STARTED = 3;
export const SUBTASK_CANCELLED_BEFORE_RETURNED = 4;

/** How a stream or future copy ended. */
export const COPY_COMPLETED = 0;
export const COPY_DROPPED = 1;
export const COPY_CANCELLED = 2;

/** Returned (as an i32, i.e. -1) when an async built-in did not finish at once. */
export const ASYNC_BLOCKED = 0xffff_ffff;

/** `code | (waitableSet << 4)`: what a callback returns (for tests and host-written callbacks). */
export function callbackCodePack(code: number, waitableSet: number): number {
  return (code | (waitableSet << 4)) >>> 0;
}

/** `state | (subtask << 4)`: what an async lower returns when the callee did not finish at once. */
export function subtaskStatePack(state: number, subtask: number): number {
  return (state | (subtask << 4)) >>> 0;
}

/** `result | (progress << 4)`: a stream copy's outcome. */
export function copyResultPack(result: number, progress: number): number {
  return (result | (progress << 4)) >>> 0;
}
