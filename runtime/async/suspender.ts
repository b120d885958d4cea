/**
 * Stack switching: the hook JSPI or asyncify plugs into. Without it the
 * runtime serves everything that can be served stacklessly (callback lifts,
 * async lowers, waits whose event is already there, the spec's "run other
 * ready threads of the instance" rule for synchronous tasks) and traps with
 * `trap/needs-stack-switching` where core code would have to block.
 *
 * What needs it (the places definitions.py calls `block()` with core wasm
 * frames on the stack):
 * - `waitable-set.wait`, `thread.yield`, synchronous `stream/future.read/
 *   write`, `*.cancel-*` and `subtask.cancel` from core code, when the thread
 *   must really wait (nothing pending yet) and its task is async-typed;
 * - a synchronous lower (no `async` canonopt) of an async-typed callee that
 *   does not finish at once (`wait_until(subtask.resolved)`), including a
 *   host import returning a Promise;
 * - a stackful async lift (🚟, no callback) whose code blocks, and a
 *   synchronously lifted async-typed function whose code blocks.
 *
 * The model is JSPI's, which asyncify drivers reproduce: a core export entered
 * through `promising` returns a Promise when its code suspended; a blocking
 * built-in wrapped with `suspending` may return a Promise, and the core code
 * waits for it. The runtime only needs to know, per lifted function, whether
 * its core code was entered that way (`LiftedFunc.suspendable`); when it is,
 * the blocking built-ins return Promises and the scheduler resumes the thread
 * by settling them. Known limit of that model: JSPI cannot suspend through
 * JS frames, so a component-to-component call made through JS glue cannot
 * suspend the caller's stack (the glue makes such a lower blocking instead).
 */

/** What the glue needs from a stack-switching implementation (JSPI or asyncify). */
export interface Suspender {
  /** 'jspi' or 'asyncify' */
  readonly kind: string;
  /**
   * Wraps a core export so that calling it runs synchronously until its code
   * suspends, then returns a Promise of its results (JSPI:
   * `WebAssembly.promising`; asyncify: an unwind/rewind driver).
   * `sig`: the core signature (jspi-entry.ts), which JSPI needs to return
   * the result of a call that did not suspend at once.
   */
  promising<A extends unknown[], R>(f: (...args: A) => R, sig?: string): (...args: A) => R | Promise<R>;
  /**
   * Wraps a built-in or host import for core code: when it returns a
   * Promise, the core code suspends until the Promise settles and then sees
   * its value (JSPI: `new WebAssembly.Suspending(f)`).
   */
  suspending<A extends unknown[], R>(f: (...args: A) => R | Promise<R>): (...args: A) => R;
}
