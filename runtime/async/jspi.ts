/**
 * A `Suspender` (suspender.ts) over JSPI: `WebAssembly.Suspending` for the
 * imports that may return a Promise, `WebAssembly.promising` for the entry
 * exports (Node >= 24, Chromium). The core module runs unchanged.
 *
 * Given the core signatures, it behaves like the asyncify suspender
 * (jspi-wasm.ts's wrappers): an entry that did not suspend returns its
 * result at once, an import returning a plain value does not suspend, and
 * `after` runs as the stack resumes. Without a signature (a type the
 * wrappers do not handle): every entry returns a Promise and V8 suspends at
 * every call of the import, even one returning a plain value.
 * Engine facts: `promising(f)` needs `f` to be a wasm function, and JSPI
 * cannot suspend through JS frames.
 * Like the asyncify suspender, one per core instance, with the same guard
 * against entering while another stack of the instance is suspended.
 */
import type { Suspender } from './suspender.js';
import { trap } from '../traps.js';
import { jspiEntry, jspiImport, jspiSigOk } from './jspi-wasm.js';

/** JSPI's two constructors, missing from TypeScript's DOM/Node typings. */
interface JspiApi {
  Suspending: new (f: (...args: never[]) => unknown) => object;
  promising: <F extends (...args: never[]) => unknown>(f: F) => (...args: Parameters<F>) => Promise<unknown>;
}

/** true where the engine has JSPI (`WebAssembly.Suspending` and `WebAssembly.promising`). */
export function hasJspi(): boolean {
  return typeof WebAssembly === 'object' && 'Suspending' in WebAssembly && 'promising' in WebAssembly;
}

export type StackSwitchingMode = 'jspi' | 'asyncify' | 'auto';

/**
 * The stack switching an output uses on this engine: 'auto' picks JSPI
 * where the engine has it, else asyncify (the compiler then ships the
 * asyncified core modules too); 'jspi' where the engine lacks it is an error.
 */
export function pickStackSwitching(mode: StackSwitchingMode): 'jspi' | 'asyncify' {
  if (mode === 'asyncify') return 'asyncify';
  if (hasJspi()) return 'jspi';
  if (mode === 'jspi') trap('trap/needs-stack-switching');
  return 'asyncify';
}

export interface JspiSuspenderOptions {
  /** allow a new entry while another stack of the instance is suspended (default false) */
  interleave?: boolean;
  /**
   * Called when an entry that had suspended returns from the core code, on
   * its stack, before its Promise settles (as asyncify's option of the same
   * name): the glue ends the thread's segment there. Needs the entry's
   * signature (`promising(f, sig)`).
   */
  onResumedReturn?: () => void;
}

export class JspiSuspender implements Suspender {
  readonly kind = 'jspi';
  private readonly interleave: boolean;
  /** stacks of the instance waiting in a Suspending import */
  suspended = 0;
  /** how many times a stack suspended (for tests and the bench) */
  suspensions = 0;

  private readonly onResumedReturn: (() => void) | null;
  /** entries running synchronously (a core return with none is a resumed stack's) */
  private syncDepth = 0;

  constructor(opts: JspiSuspenderOptions = {}) {
    if (!hasJspi()) trap('trap/needs-stack-switching');
    this.interleave = opts.interleave ?? false;
    this.onResumedReturn = opts.onResumedReturn ?? null;
  }

  /**
   * With the core signature `sig` (jspi-wasm.ts), a call that finishes
   * without suspending returns its result at once, as under asyncify;
   * without it, every call returns a Promise.
   */
  promising<A extends unknown[], R>(f: (...args: A) => R, sig?: string): (...args: A) => R | Promise<R> {
    const api = WebAssembly as unknown as JspiApi;
    if (!jspiSigOk(sig)) {
      const p = api.promising(f as (...args: never[]) => unknown) as unknown as (...args: A) => Promise<R>;
      return (...args: A) => {
        if (this.suspended > 0 && !this.interleave) trap('trap/suspended-reentry');
        return p(...args);
      };
    }
    // a resumed stack returns from core with none of our frames below it (resumption runs from a microtask)
    const end = this.onResumedReturn === null ? undefined : () => {
      if (this.syncDepth === 0) this.onResumedReturn!();
    };
    const w = jspiEntry(f as (...args: never[]) => unknown, sig, end);
    const p = api.promising(w.run) as unknown as (...args: A) => Promise<R>;
    const { done, result } = w;
    return (...args: A) => {
      if (this.suspended > 0 && !this.interleave) trap('trap/suspended-reentry');
      done.value = 0;
      this.syncDepth++;
      let out: Promise<R>;
      try {
        out = p(...args);
      } finally {
        this.syncDepth--;
      }
      if (done.value === 0) return out;
      done.value = 0;
      return (result === null ? undefined : result.value) as R;
    };
  }

  /**
   * An import for core code that suspends it while `f`'s Promise is
   * pending; `after` (default: the value itself) turns what the Promise
   * settled with into the core result, as the stack resumes. With the core
   * signature `sig` (jspi-wasm.ts) a plain value returns without suspending;
   * without it, V8 suspends at every call (also for a plain value).
   */
  suspending<A extends unknown[], R>(f: (...args: A) => R | Promise<R>, sig?: string, after: (v: unknown) => R = (v) => v as R): (...args: A) => R {
    const api = WebAssembly as unknown as JspiApi;
    let pending: Promise<unknown> | null = null;
    const wait = (): Promise<unknown> => {
      const q = pending!;
      pending = null;
      this.suspended++;
      this.suspensions++;
      return q.finally(() => void this.suspended--);
    };
    if (!jspiSigOk(sig)) {
      // V8 suspends at every call of a Suspending import: the stack counts as suspended until it resumes
      const all = (...args: A): Promise<R> => {
        pending = Promise.resolve(f(...args)); // the stack is still running here (f may enter the instance again)
        return wait().then(after);
      };
      return new api.Suspending(all as (...args: never[]) => unknown) as unknown as (...args: A) => R;
    }
    const placeholder = sig.endsWith(':j') ? 0n : 0;
    const tryF = (blocked: WebAssembly.Global, ...args: never[]): unknown => {
      const r = f(...(args as unknown as A));
      if (!(r instanceof Promise)) return after(r);
      pending = r;
      blocked.value = 1;
      return placeholder;
    };
    return jspiImport(sig, tryF, new api.Suspending(wait), after).f as unknown as (...args: A) => R;
  }
}

/** A JSPI suspender for one core instance (throws the trap `trap/needs-stack-switching` without JSPI). */
export function jspiSuspender(opts?: JspiSuspenderOptions): JspiSuspender {
  return new JspiSuspender(opts);
}
