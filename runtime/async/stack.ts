/**
 * What the generated module calls to plug stack switching in (compiler/emit/
 * async/suspend.ts decides which core instances need it): the mode, picked
 * once per `instantiate` with `pickStackSwitching`; one `Suspender` per
 * suspendable core instance; `attach` after instantiation (asyncify only).
 *
 *   const ss = pickStackSwitching('auto');
 *   const s1 = stackSuspender(ss, inst0);
 *   const i1 = await WebAssembly.instantiate(ss === 'jspi' ? m1 : m1a, { '': { wait: s1.suspending(f3, 'i32') } });
 *   stackAttach(s1, i1.exports);
 *   const x = s1.promising(i1.exports.run);
 *
 * Both suspenders end the running thread's segment as soon as a resumed
 * entry returns from core (`onResumedReturn`), before the host sees what it
 * returned. Interleaving is allowed: a new task may enter an instance while another
 * of its stacks is suspended, as the spec's scheduler allows (the guest
 * switches its shadow stack through `context.set`; synchronous tasks are
 * kept apart by the scheduler's rules, not here).
 */
import { AsyncifySuspender } from './asyncify.js';
import { JspiSuspender } from './jspi.js';
import { componentLeaveTo, type ComponentInstance } from '../resources/instance.js';
import { schedulerOf } from './scheduler.js';

/**
 * The suspender of one core instance (of component instance `inst`) for the
 * mode picked at instantiation. Asyncify: when an entry that suspended
 * returns from the core code, the running thread's segment ends at once
 * (its Promise continues the task a few microtasks later; meanwhile the
 * instance is not on the stack and the host may call in).
 */
export function stackSuspender(mode: 'jspi' | 'asyncify', inst: ComponentInstance): JspiSuspender | AsyncifySuspender {
  if (mode === 'jspi') return new JspiSuspender({ interleave: true, onResumedReturn: () => stackCoreReturned(inst) });
  return new AsyncifySuspender({ interleave: true, onResumedReturn: () => stackCoreReturned(inst) });
}

/** Leaves the instance and stops being current, but stays held: the task goes on when the entry's Promise settles. */
function stackCoreReturned(inst: ComponentInstance): void {
  const s = schedulerOf(inst);
  const t = s.current;
  if (t === null || t.task.inst !== inst || !t.inSegment) return;
  t.inSegment = false;
  componentLeaveTo(inst, null);
  s.current = null;
}

/** After instantiation: asyncify binds the instance's exports (and the memory its buffers go in); JSPI needs nothing. */
export function stackAttach(s: JspiSuspender | AsyncifySuspender, exports: WebAssembly.Exports, memory?: WebAssembly.Memory): void {
  if (s instanceof AsyncifySuspender) s.attach(exports, memory);
}

/**
 * A blocking import for core code (`suspending`), with its core signature
 * (runtime/async/jspi-wasm.ts). The runtime's Promises settle with a
 * function to call as the core code resumes (`LiftedFunc.resumeInCore`):
 * both suspenders call it there (asyncify when the import is re-entered on
 * rewind, JSPI from the wrapper's `after` import on the resumed stack).
 */
export function stackSuspending<A extends unknown[], R>(s: JspiSuspender | AsyncifySuspender, f: (...args: A) => R | Promise<R>, sig: string): (...args: A) => R {
  return s.suspending(f, sig, stackResumeValue as (v: unknown) => R);
}

function stackResumeValue(v: unknown): unknown {
  return typeof v === 'function' ? (v as () => unknown)() : v;
}
