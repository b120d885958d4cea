/**
 * A `Suspender` (suspender.ts) over JSPI: `WebAssembly.Suspending` for the
 * imports that may return a Promise, `WebAssembly.promising` for the entry
 * exports (Node >= 24, Chromium). The core module runs unchanged.
 *
 * Differences from the asyncify suspender the glue must allow for:
 * - a `promising` entry always returns a Promise, even when its code never
 *   suspended (asyncify returns the plain result then);
 * - `suspending(f)` gives a `WebAssembly.Suspending` object: it is only
 *   valid in an import object, not callable from JS;
 * - `promising(f)` needs `f` to be an exported wasm function;
 * - V8 suspends at EVERY call of a `Suspending` import, also when it returns
 *   a plain value (the core code resumes a microtask later): wrap only the
 *   imports that can really block, and expect interleaving at each of them.
 * Like the asyncify suspender, one per core instance, with the same guard
 * against entering while another stack of the instance is suspended.
 */
import type { Suspender } from './suspender.js';
import { trap } from '../traps.js';

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
}

export class JspiSuspender implements Suspender {
  readonly kind = 'jspi';
  private readonly interleave: boolean;
  /** stacks of the instance waiting in a Suspending import */
  suspended = 0;
  /** how many times a stack suspended (for tests and the bench) */
  suspensions = 0;

  constructor(opts: JspiSuspenderOptions = {}) {
    if (!hasJspi()) trap('trap/needs-stack-switching');
    this.interleave = opts.interleave ?? false;
  }

  promising<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R | Promise<R> {
    const p = (WebAssembly as unknown as JspiApi).promising(f as (...args: never[]) => unknown) as unknown as (...args: A) => Promise<R>;
    return (...args: A) => {
      if (this.suspended > 0 && !this.interleave) trap('trap/suspended-reentry');
      return p(...args);
    };
  }

  /** `_result` (the core result type) is what the asyncify suspender needs; JSPI converts the settled value itself. */
  suspending<A extends unknown[], R>(f: (...args: A) => R | Promise<R>, _result?: string): (...args: A) => R {
    // V8 (Node 24) suspends at every call of a Suspending import, even one that
    // returns a plain value: the stack counts as suspended until it resumes
    const counted = (...args: A): Promise<R> => {
      const r = f(...args); // the stack is still running here (f may enter the instance again)
      this.suspended++;
      if (r instanceof Promise) this.suspensions++;
      return Promise.resolve(r).finally(() => void this.suspended--);
    };
    return new (WebAssembly as unknown as JspiApi).Suspending(counted as (...args: never[]) => unknown) as unknown as (...args: A) => R;
  }
}

/** A JSPI suspender for one core instance (throws the trap `trap/needs-stack-switching` without JSPI). */
export function jspiSuspender(opts?: JspiSuspenderOptions): JspiSuspender {
  return new JspiSuspender(opts);
}
