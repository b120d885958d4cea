/**
 * Shared-everything threads (🧵②): `thread.spawn-ref`, `thread.spawn-indirect`
 * and `thread.available-parallelism` as core functions that call the
 * runtime (runtime/threads/), the store's thread host made once at
 * instantiation, and the files a store with shared threads ships beside its
 * JS: `<name>.worker.js` (worker-script.ts) and, for each core module that
 * defines shared memories, `<name>.core<N>.thread.wasm` with those memories
 * turned into imports (inlined as base64 under the inline cutoff).
 *
 *   const threads = await threadHostCreate({ worker: () => new URL('./app.worker.js', import.meta.url), … });
 *   function f3(p0, p1) { if (!leave0) trap('trap/cannot-leave'); return threadSpawnIndirect(threads, 0, 1, "table", "i32", p0, p1); }
 *
 * Without `shared`, a spawn is a cooperative thread (🧵: thread.new-* +
 * thread.resume-later), emitted by async/builtins.ts.
 */
import type * as E from 'estree';
import { fail } from '../../errors/index.js';
import type { Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { awaitExpr } from '../module/builders-module.js';
import { leaveGuard } from '../module/calls.js';
import { canonName, coreInstanceName } from '../module/items.js';
import { poisonedRef, type EmitState } from '../module/state.js';
import { canonInfo } from '../async/uses.js';
import { emitAsyncBuiltin } from '../async/builtins.js';
import { jsonExpr, type Json } from './json.js';
import { withMemoryImports } from './memory-import.js';
import { replicaPlan, type ReplicaPlan } from './replica-plan.js';
import { workerScript } from './worker-script.js';

type BuiltinStep = Extract<Step, { kind: 'builtin' }>;

const NAMES = new Set(['thread.spawn-ref', 'thread.spawn-indirect', 'thread.available-parallelism']);

export const isThreadBuiltin = (step: BuiltinStep): boolean => NAMES.has(step.canon.name);

/** What the thread emitter keeps per module it emits: placeholders finished by `threadFiles`. */
interface ThreadEmit {
  plan: ReplicaPlan;
  /** the thunk giving the worker script's URL: its body is filled in */
  worker: E.ArrowFunctionExpression;
  /** module index → the expression (to fill in) that loads its patched form */
  patched: Map<number, E.CallExpression>;
}
const emits = new WeakMap<EmitState, ThreadEmit>();

/** The context parameter's core type of a spawn (its `ft`'s only parameter). */
function paramOf(st: EmitState, step: BuiltinStep): 'i32' | 'i64' {
  const t = canonInfo(st, step.canon)?.core.params[1];
  return t === 'i64' ? 'i64' : 'i32';
}

/** `available-parallelism`'s value, read once per instantiation. */
function parallelism(st: EmitState): E.Identifier {
  st.runtime.add('threadsParallelism');
  return st.locals.once('threads:parallelism', 'parallelism', () => awaitExpr(b.call('threadsParallelism')));
}

/** The store's thread host (runtime/threads/host.ts), declared before the first spawn built-in. */
function threadHost(st: EmitState, moduleIdent: (index: number) => E.Expression): E.Identifier {
  return st.locals.once('threads:host', 'threads', () => {
    const plan = replicaPlan(st.plan, (s) => paramOf(st, s));
    const worker = b.arrow([], b.lit(''));
    const patched = new Map<number, E.CallExpression>();
    const modules = st.plan.modules.map((_, i) => {
      if (!plan.patched.has(i)) return moduleIdent(i);
      const load: E.CallExpression = b.call('load', b.lit(''));
      patched.set(i, load);
      return awaitExpr(load);
    });
    emits.set(st, { plan, worker, patched });
    st.runtime.add('threadHostCreate');
    return awaitExpr(
      b.call(
        'threadHostCreate',
        b.object([
          // a thunk, as for core module files: `new URL` throws under a data: or blob: module URL
          ['worker', worker],
          ['modules', b.array(modules)],
          ['plan', jsonExpr(plan.instances as unknown as Json)],
          ['memories', jsonExpr(plan.memories)],
          ['components', jsonExpr(plan.components)],
          ['instances', b.array(plan.instances.map((_, k) => b.arrow([], b.id(coreInstanceName(k)))))],
          ['parallelism', parallelism(st)],
          // a thread's trap poisons the store; `options.onThreadTrap(error)` hears of it
          [
            'poison',
            b.arrow(
              ['e'],
              [
                b.expr(b.assign(poisonedRef(st), b.lit(true))),
                b.ifStmt(b.member(b.id('options'), 'onThreadTrap'), b.expr(b.method(b.id('options'), 'onThreadTrap', b.id('e')))),
              ],
            ),
          ],
        ]),
      ),
    );
  });
}

export function emitThreadBuiltin(st: EmitState, step: BuiltinStep, moduleIdent: (index: number) => E.Expression): void {
  const c = step.canon;
  const name = canonName(step.id);
  const define = (params: string[], body: E.Statement[]) => {
    st.locals.push(b.fnDecl(name, params, body));
    st.locals.bind(`canon:${step.id}`, b.id(name));
  };
  if (c.name === 'thread.available-parallelism') return define([], [b.ret(parallelism(st))]);
  // without `shared`, a cooperative thread (runtime/async/coop.ts)
  if (!c.shared) return emitAsyncBuiltin(st, step);
  const host = threadHost(st, moduleIdent);
  const param = b.lit(paramOf(st, step));
  const guard = leaveGuard(st, step.component);
  if (c.name === 'thread.spawn-ref') {
    st.runtime.add('threadSpawnRef');
    return define(['p0', 'p1'], [guard, b.ret(b.call('threadSpawnRef', host, b.lit(step.component), param, b.id('p0'), b.id('p1')))]);
  }
  const table = step.table;
  if (table?.kind !== 'export') return fail('compile/unsupported', c.offset, `${c.name} with a table that is not a core instance export`);
  st.runtime.add('threadSpawnIndirect');
  const args = [host, b.lit(step.component), b.lit(table.instance), b.lit(table.name), param, b.id('p0'), b.id('p1')];
  define(['p0', 'p1'], [guard, b.ret(b.call('threadSpawnIndirect', ...args))]);
}

/**
 * The files a module with shared threads ships beside its JS (none without):
 * the worker script and the patched core modules. Fills in the placeholders
 * left by `threadHost`, each file's URL from `fileUrl` (as for core module
 * files: `new URL('./<file>', import.meta.url)` or the URL a bundler plugin
 * hands in, compile option `coreModuleImport`); call once, after every step
 * is emitted.
 */
export function threadFiles(
  st: EmitState,
  options: { name: string; inlineCutoff: number; fileUrl: (file: string) => E.Expression },
): Record<string, Uint8Array> {
  const emit = emits.get(st);
  if (!emit) return {};
  const workerFile = `${options.name}.worker.js`;
  emit.worker.body = options.fileUrl(workerFile);
  const files: Record<string, Uint8Array> = { [workerFile]: new TextEncoder().encode(workerScript(options.name)) };
  for (const [i, load] of emit.patched) {
    const bytes = withMemoryImports(st.plan.modules[i]!.bytes, emit.plan.patched.get(i)!);
    if (bytes.length < options.inlineCutoff) {
      st.runtime.add('compileInline');
      load.callee = b.id('compileInline');
      load.arguments = [b.lit(Buffer.from(bytes).toString('base64'))];
    } else {
      const file = `${options.name}.core${i === 0 ? '' : i + 1}.thread.wasm`;
      load.arguments = [b.lit(file), b.arrow([], options.fileUrl(file))];
      files[file] = bytes;
    }
  }
  return files;
}
