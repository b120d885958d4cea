/**
 * Which core instances need stack switching (JSPI or asyncify), decided from
 * the link plan: a core instance is *suspendable* when one of its function
 * imports can block, i.e. is (directly, or through wit-component's
 * indirect-call shim) one of
 * - a blocking async built-in: `waitable-set.wait`, `thread.yield`, the
 *   cooperative-thread `thread.suspend` and `thread.*-then-*` switches, a
 *   synchronous `stream/future.read/write/cancel-*`, a synchronous
 *   `subtask.cancel`;
 * - a synchronous lower (no `async` canonopt) whose callee is async-typed;
 * - a synchronous lower of a host import named by the `asyncImports` option
 *   (a sync-typed host function that may return a Promise).
 * Such an instance gets one `Suspender` (runtime/async/stack.ts): its
 * blocking imports are wrapped with `suspending`, the lifts and callbacks
 * entering it with `promising`, and its module is asyncified (asyncify mode).
 * Everything else is untouched, so sync components pay nothing.
 *
 * The shim: wit-component routes a lowered import through a tiny core
 * instance (no imports, a table `$imports`, exports `0`, `1`, … that
 * `call_indirect` into it) filled by a "fixup" instance importing the table
 * and the canon functions under the same names. The importing instance's
 * import is then the shim's export `n`; the fixup's import `n` is the canon
 * function to wrap (with the importer's suspender: its stack is the one that
 * unwinds).
 */
import type { CoreModule, CoreValType } from '../../binary/ast.js';
import type { CoreItem, Item, LinkPlan, Step } from '../../link/plan.js';

export type StackSwitching = 'jspi' | 'asyncify' | 'auto';

export interface SuspendInstance {
  /** the core instance */
  instance: number;
  module: number;
  /** its imports that can block (asyncify's `asyncify-imports`) */
  imports: { module: string; name: string }[];
  /** the component instance it belongs to (that of the canon functions it imports) */
  component: number;
  /** the memory the asyncify buffers go in, when the module imports its memory */
  memory?: CoreItem;
  /** why (for the report): the blocking things it reaches */
  reasons: string[];
}

export interface SuspendPlan {
  /** suspendable core instances by index */
  instances: Map<number, SuspendInstance>;
  /**
   * `<importing core instance>:<canon id>` → the suspendable instance whose
   * suspender wraps that import, and its core result type (the importing
   * instance is the owner itself, or the shim's fixup instance)
   */
  wrapped: Map<string, { owner: number; sig: string }>;
  /** module index → the union of the suspending imports of its suspendable instances */
  modules: Map<number, { module: string; name: string }[]>;
}

type CoreInst = Extract<Step, { kind: 'core-instantiate' }>;

const BLOCKING_ALWAYS = new Set([
  'waitable-set.wait',
  'thread.yield',
  'thread.suspend',
  'thread.suspend-then-resume',
  'thread.yield-then-resume',
  'thread.suspend-then-promote',
  'thread.yield-then-promote',
]);
const COPY_OPS = /^(stream|future)\.(read|write|cancel-read|cancel-write)$/;

/** Does the `asyncImports` list name this host import path (`iface`, `iface#func`, or the full path)? */
export function namedAsyncImport(asyncImports: readonly string[], path: string[]): boolean {
  if (asyncImports.length === 0) return false;
  for (let n = 1; n <= path.length; n++) if (asyncImports.includes(path.slice(0, n).join('#'))) return true;
  return false;
}

/** Why a canon step can block (a short text), or null. */
function blockingReason(step: Step, asyncImports: readonly string[]): string | null {
  if (step.kind === 'builtin') {
    const c = step.canon;
    if (BLOCKING_ALWAYS.has(c.name)) return c.name;
    if (c.name === 'subtask.cancel' && !c.async) return 'sync subtask.cancel';
    const m = COPY_OPS.exec(c.name);
    if (m) {
      const isAsync = m[2] === 'read' || m[2] === 'write' ? step.opts.async : (c.async ?? false);
      if (!isAsync) return `sync ${c.name}`;
    }
    return null;
  }
  if (step.kind === 'lower' && !step.opts.async) {
    if (step.type.async) return 'sync lower of an async-typed function';
    if (step.callee.kind === 'host' && namedAsyncImport(asyncImports, step.callee.path)) return `async import ${step.callee.path.join('#')}`;
  }
  return null;
}

const SIG_LETTER: Record<string, string> = { i32: 'i', i64: 'j', f32: 'f', f64: 'd', v128: 'v' };

/**
 * A core function type as the suspenders take it (runtime/async/jspi-wasm.ts):
 * one letter per value type (`i` i32, `j` i64, `f` f32, `d` f64, `v` v128,
 * `e` externref and other references, `r` funcref), params `:` results, as
 * in `"ii:i"`.
 */
export function coreSig(mod: CoreModule, typeIndex: number | undefined): string {
  const t = typeIndex === undefined ? undefined : mod.types[typeIndex]?.composite;
  if (!t || t.kind !== 'func') return ':i';
  const letter = (v: CoreValType): string => (typeof v === 'string' ? (SIG_LETTER[v] ?? 'e') : v.heap === 'func' ? 'r' : 'e');
  return `${t.params.map(letter).join('')}:${t.results.map(letter).join('')}`;
}

/** The signature of the function import `module.name` of `mod`. */
function importSig(mod: CoreModule, module: string, name: string): string {
  const imp = mod.imports.find((i) => i.module === module && i.name === name);
  return coreSig(mod, imp?.desc.kind === 'func' ? imp.desc.type : undefined);
}

/** The signature of the function export `name` of `mod` (an imported function re-exported, or its own). */
export function exportSig(mod: CoreModule, name: string): string | null {
  const exp = mod.exports.find((e) => e.name === name && e.sort === 'func');
  if (!exp) return null;
  const funcImports = mod.imports.filter((i) => i.desc.kind === 'func');
  const imp = funcImports[exp.index];
  return coreSig(mod, imp ? (imp.desc as { type: number }).type : mod.funcs[exp.index - funcImports.length]);
}

const suspendPlans = new WeakMap<LinkPlan, { asyncImports: readonly string[]; out: SuspendPlan }>();

/** The plan's suspension plan (made once per plan and `asyncImports` list: the emitter and uses.ts both ask). */
export function planSuspension(plan: LinkPlan, asyncImports: readonly string[]): SuspendPlan {
  const hit = suspendPlans.get(plan);
  if (hit && hit.asyncImports === asyncImports) return hit.out;
  const out = makeSuspendPlan(plan, asyncImports);
  suspendPlans.set(plan, { asyncImports, out });
  return out;
}

function makeSuspendPlan(plan: LinkPlan, asyncImports: readonly string[]): SuspendPlan {
  const blocking = new Map<number, string>();
  for (const s of plan.steps) {
    if (s.kind !== 'builtin' && s.kind !== 'lower') continue;
    const why = blockingReason(s, asyncImports);
    if (why !== null) blocking.set(s.id, why);
  }
  if (blocking.size === 0) return { instances: new Map(), wrapped: new Map(), modules: new Map() };
  // a synchronous lower of a lift whose core instance can suspend blocks too
  // (under JSPI its entry always returns a Promise): up to a fixed point
  const lifts = new Map(plan.steps.flatMap((s) => (s.kind === 'lift' ? [[s.id, s] as const] : [])));
  for (;;) {
    const out = suspendableInstances(plan, blocking);
    let grew = false;
    for (const s of plan.steps) {
      if (s.kind !== 'lower' || s.opts.async || blocking.has(s.id) || s.callee.kind !== 'lifted') continue;
      const core = lifts.get(s.callee.id)?.core;
      if (core?.kind === 'export' && out.instances.has(core.instance)) {
        blocking.set(s.id, 'sync lower of a function whose core code can suspend');
        grew = true;
      }
    }
    if (!grew) return out;
  }
}

function suspendableInstances(plan: LinkPlan, blocking: Map<number, string>): SuspendPlan {
  const out: SuspendPlan = { instances: new Map(), wrapped: new Map(), modules: new Map() };
  const componentOf = new Map<number, number>();
  for (const s of plan.steps) if (s.kind === 'builtin' || s.kind === 'lower') componentOf.set(s.id, s.component);

  const insts = plan.steps.filter((s): s is CoreInst => s.kind === 'core-instantiate');
  const byInstance = new Map(insts.map((s) => [s.instance, s]));
  /** the item a core instance's import `module.name` is given */
  const argItem = (s: CoreInst, module: string, name: string): CoreItem | undefined => {
    const a = s.args.find((x) => x.name === module)?.arg;
    if (!a) return undefined;
    if (a.kind === 'instance') return { kind: 'export', instance: a.instance, name };
    return a.exports.find(([n]) => n === name)?.[1];
  };
  /** shim instance → the fixup bags filling its table */
  const fixups = (shim: number): [number, [string, CoreItem][]][] => {
    const bags: [number, [string, CoreItem][]][] = [];
    for (const s of insts) {
      for (const { arg } of s.args) {
        if (arg.kind === 'bag' && arg.exports.some(([, it]) => it.kind === 'export' && it.instance === shim && isTable(plan, shim, it.name))) bags.push([s.instance, arg.exports]);
      }
    }
    return bags;
  };

  for (const s of insts) {
    const mod = plan.modules[s.module]!;
    // no function export and no start: its code never runs (wit-component's fixup module filling the shim's table)
    if (mod.start === undefined && !mod.exports.some((e) => e.sort === 'func')) continue;
    let entry: SuspendInstance | undefined;
    for (const imp of mod.imports) {
      if (imp.desc.kind !== 'func') continue;
      const item = argItem(s, imp.module, imp.name);
      if (!item) continue;
      const targets: { id: number; at: number; sig: string }[] = [];
      if (item.kind === 'canon') {
        if (blocking.has(item.id)) targets.push({ id: item.id, at: s.instance, sig: importSig(mod, imp.module, imp.name) });
      } else {
        const shim = byInstance.get(item.instance);
        if (shim && plan.modules[shim.module]!.imports.every((i) => i.desc.kind !== 'func')) {
          for (const [fixup, bag] of fixups(item.instance)) {
            const via = bag.find(([n]) => n === item.name)?.[1];
            if (via?.kind === 'canon' && blocking.has(via.id)) targets.push({ id: via.id, at: fixup, sig: importSig(mod, imp.module, imp.name) });
          }
        }
      }
      if (targets.length === 0) continue;
      entry ??= { instance: s.instance, module: s.module, component: componentOf.get(targets[0]!.id) ?? 0, imports: [], reasons: [] };
      entry.imports.push({ module: imp.module, name: imp.name });
      for (const t of targets) {
        const key = `${t.at}:${t.id}`;
        if (!out.wrapped.has(key)) out.wrapped.set(key, { owner: s.instance, sig: t.sig });
        const why = blocking.get(t.id)!;
        if (!entry.reasons.includes(why)) entry.reasons.push(why);
      }
    }
    if (!entry) continue;
    const memImport = mod.imports.find((i) => i.desc.kind === 'memory');
    if (memImport && !mod.exports.some((e) => e.sort === 'memory')) entry.memory = argItem(s, memImport.module, memImport.name);
    out.instances.set(s.instance, entry);
    const list = out.modules.get(s.module) ?? [];
    for (const i of entry.imports) if (!list.some((x) => x.module === i.module && x.name === i.name)) list.push(i);
    out.modules.set(s.module, list);
  }
  return out;
}

function isTable(plan: LinkPlan, instance: number, name: string): boolean {
  const s = plan.steps.find((x): x is CoreInst => x.kind === 'core-instantiate' && x.instance === instance);
  return !!s && plan.modules[s.module]!.exports.some((e) => e.name === name && e.sort === 'table');
}

/**
 * The exported functions (by export path) that are not async-typed but whose
 * core code can suspend: called from JS they return a Promise when it did
 * (the .d.ts types them `T | Promise<T>`).
 */
export function suspendingExports(plan: LinkPlan, suspend: SuspendPlan): Set<string> {
  const out = new Set<string>();
  const lifts = new Map(plan.steps.flatMap((s) => (s.kind === 'lift' ? [[s.id, s] as const] : [])));
  const walk = (exports: Map<string, Item>, path: string[]): void => {
    for (const [name, item] of exports) {
      if (item.sort === 'instance' && item.instance.kind === 'bag') walk(item.instance.exports, [...path, name]);
      if (item.sort !== 'func' || item.func.kind !== 'lifted' || item.func.type.async) continue;
      const core = lifts.get(item.func.id)?.core;
      if (core?.kind === 'export' && suspend.instances.has(core.instance)) out.add([...path, name].join('\0'));
    }
  };
  walk(plan.exports, []);
  return out;
}
