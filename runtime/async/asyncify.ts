/**
 * A `Suspender` (suspender.ts) over a core instance transformed by binaryen's
 * asyncify pass (compiler/transform/asyncify.ts), for engines without JSPI.
 *
 * The protocol: when a wrapped import returns a Promise, the wrapper calls
 * `asyncify_start_unwind(data)` and returns a placeholder; the instrumented
 * code then saves its locals and call positions into `data` and returns
 * frame by frame up to the export the driver entered. The driver sees the
 * state UNWINDING, calls `asyncify_stop_unwind()` and hands its caller a
 * Promise. When the awaited Promise settles, the driver calls
 * `asyncify_start_rewind(data)` and enters the same export again; the code
 * restores its frames and re-executes the import call, where the wrapper sees
 * REWINDING, calls `asyncify_stop_rewind()` and returns the settled value (or
 * throws the rejection into the core code, which then unwinds to the export
 * call: its Promise rejects with that error, as under JSPI).
 *
 * The data buffer (`[i32 pos][i32 end]` then the saved frames) must lie in
 * the instance's linear memory. Choice: by default the driver grows the
 * memory and uses the new pages (one page per suspended stack, 64 KiB of
 * frames), never touching memory the module's allocator knows about; common
 * allocators (dlmalloc on wasi-libc's sbrk, Rust's dlmalloc) take whatever
 * base `memory.grow` returns, so pages grown by JS are invisible to them. A
 * module whose allocator assumes it is the only one growing memory needs the
 * `alloc` option instead (e.g. its `cabi_realloc`, which then must not be
 * called while the instance is on the stack). Buffers are pooled per
 * suspender: as many as stacks were ever suspended at once.
 *
 * One suspender per asyncified core instance (asyncify's state is per
 * instance): create it, wrap the suspending imports, instantiate, `attach` the
 * exports, wrap the entry exports with `promising`. `promising(f)` re-calls
 * `f` with the same arguments to rewind, so `f` must be the core export
 * itself (as JSPI requires too), never a closure that lowers arguments or
 * has other effects before calling it. Frames of other core instances between
 * the entry and the import are fine when they only forward (wit-component's
 * indirect-call shim); anything else there must be asyncified with it.
 */
import type { Suspender } from './suspender.js';
import { trap } from '../traps.js';

/** asyncify_get_state(): 0 running normally, 1 unwinding, 2 rewinding */
const ASYNCIFY_UNWINDING = 1;
const ASYNCIFY_REWINDING = 2;
const ASYNCIFY_PAGE_BYTES = 65536;

/** The exports asyncify adds. */
export interface AsyncifyExports {
  asyncify_start_unwind(data: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(data: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}

/**
 * The core result type of a suspending import: while unwinding, the wrapper
 * returns a placeholder the engine must convert to it (0, 0n, null, nothing).
 */
export interface AsyncifySuspenderOptions {
  /** bytes for one suspended stack's saved frames, 8-header included (default 65536) */
  stackBytes?: number;
  /** allocates `size` bytes (8-aligned) of the instance's memory for one buffer; default: grow the memory */
  alloc?: (size: number) => number;
  /**
   * allow a new entry while another stack of the instance is suspended
   * (default false: trap `trap/suspended-reentry`). Toolchains keep their
   * shadow stack pointer in a global; two interleaved stacks corrupt it
   * unless the code switches it itself (as stackful async lifts must).
   */
  interleave?: boolean;
  /**
   * Called when an entry that had suspended returns from the core code
   * after its last rewind (the core stack is gone; its Promise settles a few
   * microtasks later): the glue ends the thread's segment there.
   */
  onResumedReturn?: () => void;
}

/** One entry into the instance through `promising`: its buffer and the value it waits for. */
interface AsyncifyStack {
  buf: number;
  pending: Promise<void> | undefined;
  settled: { ok: boolean; value: unknown } | undefined;
}

/** The marker `cur` holds inside an entry that must not suspend (see `AsyncifySuspender.sync`). */
const ASYNCIFY_NO_SUSPEND: AsyncifyStack = { buf: 0, pending: undefined, settled: undefined };

export class AsyncifySuspender implements Suspender {
  readonly kind = 'asyncify';
  private ex: AsyncifyExports | undefined;
  private memory: WebAssembly.Memory | undefined;
  private readonly stackBytes: number;
  private readonly alloc: ((size: number) => number) | undefined;
  private readonly interleave: boolean;
  private readonly onResumedReturn: (() => void) | undefined;
  /** the innermost entry running now (undefined: none, or JS called in some other way) */
  private cur: AsyncifyStack | undefined;
  private free: number[] = [];
  /** stacks unwound and waiting for their Promise */
  suspended = 0;
  /** how many times a stack suspended (for tests and the bench) */
  suspensions = 0;

  constructor(opts: AsyncifySuspenderOptions = {}) {
    this.stackBytes = Math.max(64, (opts.stackBytes ?? ASYNCIFY_PAGE_BYTES) & ~7);
    this.alloc = opts.alloc;
    this.interleave = opts.interleave ?? false;
    this.onResumedReturn = opts.onResumedReturn;
  }

  /**
   * Binds the instance (its asyncify exports; `memory`, else its exported
   * memory, holds the buffers). Call after instantiation, before any entry.
   */
  attach(exports: WebAssembly.Exports, memory?: WebAssembly.Memory): void {
    const ex = exports as unknown as AsyncifyExports;
    if (typeof ex.asyncify_start_unwind !== 'function' || typeof ex.asyncify_get_state !== 'function') {
      throw new TypeError('canonjs: this core instance was not asyncified (no asyncify_* exports)');
    }
    this.ex = ex;
    this.memory = memory ?? (Object.values(exports).find((v) => v instanceof WebAssembly.Memory) as WebAssembly.Memory | undefined);
  }

  promising<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R | Promise<R> {
    return (...args: A) => {
      if (this.suspended > 0 && !this.interleave) trap('trap/suspended-reentry');
      return this.drive(f, args, { buf: 0, pending: undefined, settled: undefined });
    };
  }

  /**
   * Wraps an export entered where suspending is impossible (a plain
   * synchronous call): a suspending import under it traps
   * `trap/cannot-suspend-here` instead of unwinding into a caller that
   * would not rewind it.
   */
  sync<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      const outer = this.cur;
      this.cur = ASYNCIFY_NO_SUSPEND;
      try {
        return f(...args);
      } finally {
        this.cur = outer;
      }
    };
  }

  /**
   * `sig`: the import's core signature (jspi-wasm.ts's letters, `e`/`r`
   * for externref/funcref), for the placeholder returned while unwinding
   * (default: an i32 result); `after` turns the value (plain, or what the
   * Promise settled with) into the core result, as the core code resumes.
   */
  suspending<A extends unknown[], R>(f: (...args: A) => R | Promise<R>, sig = ':i', after: (v: unknown) => R = (v) => v as R): (...args: A) => R {
    const placeholder = asyncifyPlaceholder(sig) as R;
    return (...args: A): R => {
      const ex = this.ex;
      const st = this.cur;
      if (ex !== undefined && ex.asyncify_get_state() === ASYNCIFY_REWINDING) {
        // the core code re-executes the call it unwound from: hand it the settled value
        ex.asyncify_stop_rewind();
        const s = st!.settled!;
        st!.settled = undefined;
        if (!s.ok) throw s.value;
        return after(s.value);
      }
      const r = f(...args);
      if (!asyncifyIsThenable(r)) return after(r);
      if (ex === undefined || st === undefined || st === ASYNCIFY_NO_SUSPEND) {
        Promise.resolve(r).catch(() => {}); // the trap below reports the failure; not an unhandled rejection too
        trap('trap/cannot-suspend-here');
      }
      if (st.buf === 0) st.buf = this.takeBuffer();
      const view = new DataView(this.memoryOf().buffer);
      view.setInt32(st.buf, st.buf + 8, true);
      view.setInt32(st.buf + 4, st.buf + this.stackBytes, true);
      st.pending = Promise.resolve(r).then(
        (value) => void (st.settled = { ok: true, value }),
        (value) => void (st.settled = { ok: false, value }),
      );
      ex.asyncify_start_unwind(st.buf);
      return placeholder;
    };
  }

  /** Runs (or rewinds) one entry; a Promise when its code unwound. */
  private drive<A extends unknown[], R>(f: (...args: A) => R, args: A, st: AsyncifyStack): R | Promise<R> {
    const ex = this.ex;
    if (ex === undefined) throw new TypeError('canonjs: asyncify suspender used before attach()');
    const outer = this.cur;
    this.cur = st;
    let r: R;
    try {
      r = f(...args);
    } catch (e) {
      this.cur = outer;
      this.recover(ex);
      this.release(st);
      throw e;
    }
    this.cur = outer;
    if (ex.asyncify_get_state() !== ASYNCIFY_UNWINDING) {
      const resumed = st.buf !== 0;
      this.release(st);
      if (resumed && this.onResumedReturn !== undefined) this.onResumedReturn();
      return r;
    }
    ex.asyncify_stop_unwind();
    this.suspended++;
    this.suspensions++;
    const pending = st.pending!;
    st.pending = undefined;
    return pending.then(() => {
      this.suspended--;
      ex.asyncify_start_rewind(st.buf);
      return this.drive(f, args, st);
    });
  }

  /** After an exception escaped mid-unwind or mid-rewind: back to the normal state. */
  private recover(ex: AsyncifyExports): void {
    try {
      const s = ex.asyncify_get_state();
      if (s === ASYNCIFY_UNWINDING) ex.asyncify_stop_unwind();
      else if (s === ASYNCIFY_REWINDING) ex.asyncify_stop_rewind();
    } catch {
      // the instance trapped for good; the glue poisons it
    }
  }

  private memoryOf(): WebAssembly.Memory {
    if (this.memory === undefined) throw new TypeError('canonjs: the asyncified core instance has no memory to suspend into');
    return this.memory;
  }

  private takeBuffer(): number {
    const reuse = this.free.pop();
    if (reuse !== undefined) return reuse;
    if (this.alloc !== undefined) return this.alloc(this.stackBytes);
    const pages = Math.ceil(this.stackBytes / ASYNCIFY_PAGE_BYTES);
    return this.memoryOf().grow(pages) * ASYNCIFY_PAGE_BYTES;
  }

  private release(st: AsyncifyStack): void {
    if (st.buf !== 0) this.free.push(st.buf);
    st.buf = 0;
  }
}

/** A suspender for one asyncified core instance. */
export function asyncifySuspender(opts?: AsyncifySuspenderOptions): AsyncifySuspender {
  return new AsyncifySuspender(opts);
}

function asyncifyPlaceholder(sig: string): unknown {
  const t = sig.slice(sig.indexOf(':') + 1);
  if (t === 'j') return 0n;
  if (t === 'e' || t === 'r') return null;
  if (t === '') return undefined;
  return 0;
}

function asyncifyIsThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

