/**
 * The canonjs executor: instantiates each synchronous component of a script
 * with canonjs's output and runs `invoke`, `assert_return` and `assert_trap`
 * through the JS contract (BRIEF.md §3). Cases whose features canonjs or the
 * engine lack are "not run", with the reason (runnable.ts).
 *
 * A `(component …)` is compiled and instantiated once; a `(component
 * definition $D …)` is compiled once and instantiated per `(component
 * instance $i $D)`. The top-level component gets no imports: the scripts have
 * no host functions to give it.
 */
import type { FuncType } from '../../compiler/types/model.js';
import { jsName } from '../../compiler/types/names.js';
import { rejectionOf, prepare } from './run.js';
import { detectEngine, type EngineSupport } from './engine.js';
import type { ActionDirective, ExecOutcome, Executor, InstanceRecord, Prepared, Session } from './execute.js';
import { load, LoadError, type Loaded } from './load.js';
import { notRunReason } from './runnable.js';
import { compare, show } from './compare.js';
import { LiteralMismatch, toJs } from './to-js.js';
import { checkTrap, codeOf, expectedTrap, loadTrapTable, type TrapExpectation, type TrapTable } from './traps.js';
import type { Invoke, ModuleForm } from './wast.js';
import type { WastValue } from './values.js';

/** What `InstanceRecord.handle` holds. */
type Handle = { ok: true; exports: Record<string, unknown>; loaded: Loaded } | { ok: false; detail: string };

/** How a call ended. */
type Outcome = { returned: true; value: unknown } | { returned: false; error: unknown };

export interface ExecutorOptions {
  engine?: EngineSupport;
  traps?: TrapTable;
  /**
   * How blocking core code switches stacks (the compile option). Default:
   * CONFORMANCE_STACK_SWITCHING, else auto (asyncify on Node 20, JSPI where
   * the engine has it).
   */
  stackSwitching?: 'jspi' | 'asyncify' | 'auto';
  /** told, per case that ran, which path served it: `stackless`, or the stack switching of its suspendable core instances */
  onPath?: (caseId: string, path: string) => void;
}

/** The stack switching the executor uses when not told (CONFORMANCE_STACK_SWITCHING). */
export function defaultStackSwitching(): 'jspi' | 'asyncify' | 'auto' {
  const v = process.env.CONFORMANCE_STACK_SWITCHING;
  return v === 'jspi' || v === 'asyncify' ? v : 'auto';
}

export function canonjsExecutor(opts: ExecutorOptions = {}): Executor {
  const engine = opts.engine ?? detectEngine();
  const traps = opts.traps ?? loadTrapTable();
  const stackSwitching = opts.stackSwitching ?? defaultStackSwitching();
  const mode = stackSwitching !== 'auto' ? stackSwitching : 'Suspending' in WebAssembly ? 'jspi' : 'asyncify';
  // compiled once per definition (a Prepared is shared by all instances of it)
  const compiled = new WeakMap<Prepared, Promise<Loaded>>();

  const loadOnce = (p: Prepared): Promise<Loaded> => {
    let l = compiled.get(p);
    if (!l) {
      l = load(p.bytes!, { stackSwitching });
      compiled.set(p, l);
    }
    return l;
  };

  /** A fresh instance of `p`, or why there is none. */
  const instantiate = async (p: Prepared): Promise<Handle> => {
    const imports = [...p.info!.type.imports.keys()];
    if (imports.length) {
      return { ok: false, detail: `the component imports ${imports.join(', ')}; a script has no host to provide them` };
    }
    let loaded: Loaded;
    try {
      loaded = await loadOnce(p);
    } catch (e) {
      return { ok: false, detail: loadFailure(e) };
    }
    try {
      return { ok: true, exports: await loaded.instantiate(), loaded };
    } catch (e) {
      return { ok: false, detail: `instantiate() threw ${describeThrown(e)}` };
    }
  };

  return {
    async instantiate(inst: InstanceRecord): Promise<ExecOutcome> {
      const why = notRunReason(inst.definition.features, engine);
      if (why) return { status: 'not-run', detail: why };
      const h = await instantiate(inst.definition);
      inst.handle = h;
      return h.ok ? { status: 'passed', detail: 'instantiated' } : { status: 'failed', detail: h.detail };
    },

    async run(d: ActionDirective, session: Session): Promise<ExecOutcome> {
      switch (d.kind) {
        case 'invoke':
        case 'assert_return':
          return act(d.action, session, (fn, out) => (d.kind === 'invoke' ? invoked(out) : returned(d.expected, fn, out)), `${session.file}:${d.line}:${d.kind}`);
        case 'assert_trap': {
          const id = `${session.file}:${d.line}:${d.kind}`;
          if (d.action.kind === 'invoke') {
            // read `poisoned` before the call: the trap wanted is judged by the state it was made in
            return act(d.action, session, (_fn, out, poisonedBefore) => trapped(expectedTrap(traps, d.message, poisonedBefore, id), d.message, out), id);
          }
          return trapAtInstantiation(d.action, expectedTrap(traps, d.message, false, id), d.message);
        }
        case 'register':
          return { status: 'not-run', detail: 'not-run-yet: register (no script uses it)' };
        case 'assert_exhaustion':
        case 'assert_unlinkable':
          return { status: 'not-run', detail: `not-run-yet: ${d.kind} (no synchronous script uses it)` };
      }
    },
  };

  /** Runs the call of `action` on its instance and judges the outcome with `judge`. */
  async function act(
    action: Invoke,
    session: Session,
    judge: (fn: FuncType, out: Outcome, poisonedBefore: boolean) => ExecOutcome,
    id: string,
  ): Promise<ExecOutcome> {
    const inst = action.instance ? session.instances.get(action.instance) : session.current;
    if (!inst) return { status: 'failed', detail: 'no instance' };
    const why = notRunReason(inst.definition.features, engine);
    if (why) return { status: 'not-run', detail: why };
    const h = inst.handle as Handle | undefined;
    if (!h) return { status: 'failed', detail: 'blocked: the instance was never instantiated' };
    if (!h.ok) return { status: 'failed', detail: `blocked: its instantiation failed: ${h.detail}` };

    const ext = inst.definition.info!.type.exports.get(action.name);
    if (ext?.kind !== 'func') return { status: 'failed', detail: `the component has no function export ${JSON.stringify(action.name)}` };
    const key = jsName(action.name);
    const fn = h.exports[key];
    if (typeof fn !== 'function') return { status: 'failed', detail: `exports.${key} is ${show(fn)}, not a function` };

    let args: unknown[];
    try {
      args = convertArgs(ext.type, action.args);
    } catch (e) {
      if (e instanceof LiteralMismatch) return { status: 'failed', detail: `script literal: ${e.message}` };
      throw e;
    }
    const poisonedBefore = inst.poisoned === true;
    let out: Outcome;
    try {
      let value: unknown = (fn as (...a: unknown[]) => unknown)(...args);
      if (isThenable(value)) {
        // an async-typed export returns a Promise (BRIEF §3); a sync-typed one only when it had to block
        // ... or a sync-typed one whose core code can suspend (compile's stack report)
        if (!ext.type.async && h.loaded.stack.instances.length === 0) return { status: 'failed', detail: `exports.${key}: a synchronous function returned a Promise` };
        value = await value;
      } else if (ext.type.async) {
        return { status: 'failed', detail: `exports.${key}: an async function returned ${show(value)}, not a Promise` };
      }
      out = { returned: true, value };
    } catch (error) {
      out = { returned: false, error };
      // a trap poisons the instance: later calls must throw trap/poisoned
      if (error instanceof WebAssembly.RuntimeError) inst.poisoned = true;
    }
    opts.onPath?.(id, h.loaded.stack.instances.length ? mode : 'stackless');
    return judge(ext.type, out, poisonedBefore);
  }

  function trapped(want: TrapExpectation | null, message: string, out: Outcome): ExecOutcome {
    if (!want) return { status: 'failed', detail: `unknown trap message ${JSON.stringify(message)}: add it to traps.json` };
    if (out.returned) return { status: 'failed', detail: `returned ${show(out.value)}, expected a trap (${want.code})` };
    const wrong = checkTrap(out.error, want);
    return wrong ? { status: 'failed', detail: wrong } : { status: 'passed', detail: `trapped: ${want.code}` };
  }

  /** `(assert_trap (component …) "msg")`: the component traps while it is instantiated. */
  async function trapAtInstantiation(form: ModuleForm, want: TrapExpectation | null, message: string): Promise<ExecOutcome> {
    const p = await prepare(form);
    const why = notRunReason(p.features, engine);
    if (why) return { status: 'not-run', detail: why };
    if (!want) return { status: 'failed', detail: `unknown trap message ${JSON.stringify(message)}: add it to traps.json` };
    let loaded: Loaded;
    try {
      loaded = await loadOnce(p);
    } catch (e) {
      return { status: 'failed', detail: loadFailure(e) };
    }
    try {
      await loaded.instantiate();
    } catch (e) {
      const wrong = checkTrap(e, want);
      return wrong ? { status: 'failed', detail: wrong } : { status: 'passed', detail: `trapped: ${want.code}` };
    }
    return { status: 'failed', detail: `instantiated without trapping, expected ${want.code}` };
  }
}

function loadFailure(e: unknown): string {
  return e instanceof LoadError ? e.message : `load crashed: ${rejectionOf(e).message}`;
}

function convertArgs(fn: FuncType, args: WastValue[]): unknown[] {
  if (args.length !== fn.params.length) {
    throw new LiteralMismatch(`${args.length} arguments for ${fn.params.length} parameters`);
  }
  return args.map((a, i) => toJs(fn.params[i]!.type, a, `arg ${i}`));
}

function invoked(out: Outcome): ExecOutcome {
  return out.returned ? { status: 'passed' } : { status: 'failed', detail: `threw ${describeThrown(out.error)}` };
}

/**
 * assert_return. A function whose result is `result<T, E>` returns T or
 * throws a ComponentError whose `.payload` is E; any other result compares
 * directly; no result means the call returns undefined.
 */
function returned(expected: WastValue[], fn: FuncType, out: Outcome): ExecOutcome {
  const fail = (detail: string): ExecOutcome => ({ status: 'failed', detail });
  if (expected.length > 1) return fail(`the script expects ${expected.length} results; functions have at most one`);
  const want = expected[0];
  const t = fn.result;
  if (!want || !t) {
    if (want || t) return fail(want ? 'the script expects a result of a function without one' : 'the script expects no result of a function with one');
    if (!out.returned) return fail(`threw ${describeThrown(out.error)}`);
    return out.value === undefined ? { status: 'passed' } : fail(`returned ${show(out.value)}, expected undefined`);
  }
  if (t.kind === 'result') {
    if (want.kind !== 'result') return fail(`the script expects a ${want.kind} of a function returning result`);
    const payload = want.ok ? t.ok : t.err;
    if ((payload === null) !== (want.value === null)) return fail(`the script's result.${want.ok ? 'ok' : 'err'} payload does not fit the type`);
    if (want.ok) {
      if (!out.returned) return fail(`threw ${describeThrown(out.error)}, expected ok`);
      const bad = payload ? compare(payload, want.value!, out.value) : out.value === undefined ? null : `result: expected undefined (ok), got ${show(out.value)}`;
      return bad ? fail(bad) : { status: 'passed' };
    }
    if (out.returned) return fail(`returned ${show(out.value)}, expected a ComponentError (err)`);
    if (!isComponentError(out.error)) return fail(`threw ${describeThrown(out.error)}, expected a ComponentError (err)`);
    const got = (out.error as { payload?: unknown }).payload;
    const bad = payload ? compare(payload, want.value!, got, 'payload') : got === undefined ? null : `payload: expected undefined, got ${show(got)}`;
    return bad ? fail(bad) : { status: 'passed' };
  }
  if (!out.returned) return fail(`threw ${describeThrown(out.error)}`);
  const bad = compare(t, want, out.value);
  return bad ? fail(bad) : { status: 'passed' };
}

/** ComponentError, by the registered brand every copy of the class carries (runtime/component-error.ts). */
function isComponentError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[Symbol.for('canonjs.ComponentError')] === true;
}

function isThenable(v: unknown): boolean {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function describeThrown(e: unknown): string {
  const code = codeOf(e);
  // the generated module is loaded from a data: URL: name it c.js in stack lines
  const frame = e instanceof Error && e.stack ? e.stack.split('\n')[1]?.trim() : undefined;
  const where = frame ? ` ${frame.replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, 'c.js')}` : '';
  return `${show(e)}${code ? ` (code ${code})` : ''}${e instanceof WebAssembly.RuntimeError || e instanceof LiteralMismatch ? '' : where}`;
}
