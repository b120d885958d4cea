/**
 * The generated code's side of stack switching (which instances: suspend.ts;
 * the run-time helpers: runtime/async/stack.ts): names of the mode and the
 * suspenders, the blocking imports wrapped with `suspending`, the entries
 * wrapped with `promising`, and `attach` after instantiation.
 */
import type * as E from 'estree';
import type { CoreItem, Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { coreInstanceName, coreItem } from '../module/items.js';
import type { EmitState } from '../module/state.js';
import { exportSig } from './suspend.js';

type CoreInst = Extract<Step, { kind: 'core-instantiate' }>;

/** `stackMode`: 'jspi' or 'asyncify', picked once per instantiation. */
export const stackModeIdent = (): E.Identifier => b.id('stackMode');

/** The suspender of suspendable core instance `i`. */
export const suspenderIdent = (i: number): E.Identifier => b.id(`suspender${i}`);

/** Is the core item an export of a suspendable core instance (an entry that may suspend)? */
export function isSuspendableEntry(st: EmitState, item: CoreItem): boolean {
  return item.kind === 'export' && st.suspend.instances.has(item.instance);
}

/** The core function a lift (or its callback) calls: the core export, through `promising` when its instance can suspend. */
export function entryCore(st: EmitState, item: CoreItem): E.Expression {
  const core = coreItem(st, item);
  if (item.kind !== 'export' || !st.suspend.instances.has(item.instance)) return core;
  const step = st.plan.steps.find((s): s is CoreInst => s.kind === 'core-instantiate' && s.instance === item.instance);
  const sig = step ? exportSig(st.plan.modules[step.module]!, item.name) : null;
  const args = sig === null ? [core] : [core, b.lit(sig)];
  return st.locals.once(`promising:${item.instance}:${item.name}`, 'entry', () => b.method(suspenderIdent(item.instance), 'promising', ...args));
}

/** A core instantiation's import value: a blocking canon function goes through its owner's `suspending` (one wrapper per owner). */
export function importValue(st: EmitState, instance: number, item: CoreItem): E.Expression {
  const value = coreItem(st, item);
  const w = item.kind === 'canon' ? st.suspend.wrapped.get(`${instance}:${item.id}`) : undefined;
  if (!w) return value;
  st.runtime.add('stackSuspending');
  return st.locals.once(`suspending:${w.owner}:${item.kind === 'canon' ? item.id : ''}`, 'blocking', () =>
    b.call('stackSuspending', suspenderIdent(w.owner), value, b.lit(w.sig)),
  );
}

/** After a suspendable core instance is made: `stackAttach(suspender, exports, memory?)`. */
export function attachStatements(st: EmitState, step: CoreInst): E.Statement[] {
  const s = st.suspend.instances.get(step.instance);
  if (!s) return [];
  st.runtime.add('stackAttach');
  const exports = b.member(b.id(coreInstanceName(step.instance)), 'exports');
  const args: E.Expression[] = [suspenderIdent(step.instance), exports];
  if (s.memory) args.push(coreItem(st, s.memory));
  return [b.expr(b.call('stackAttach', ...args))];
}

/**
 * A synchronous lift's entry lifts the core results right after the core
 * call; when that call may return a Promise (its code suspended; under JSPI
 * always), the rest of the entry runs when it settles:
 *
 *   const coreResult$ = entry(a0);
 *   if (coreResult$ instanceof Promise) return coreResult$.then((coreResult$) => { <rest> });
 *   <rest>
 *
 * so a call that did not suspend stays synchronous. Where the call is not
 * in a statement of the body itself, the entry becomes an async function.
 */
export function thenCoreCall(fn: E.Node, callee: E.Expression): void {
  if (fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return;
  const name = callee.type === 'Identifier' ? callee.name : undefined;
  const body = fn.body.body;
  const tmp = b.id('coreResult$');
  for (let k = 0; k < body.length; k++) {
    const call = replaceCall(body[k], callee, name, () => tmp);
    if (!call) continue;
    const rest = body.slice(k);
    const then = b.method(tmp, 'then', b.arrow(['coreResult$'], rest));
    fn.body.body = [
      ...body.slice(0, k),
      b.constDecl('coreResult$', call),
      b.ifStmt(b.binary('instanceof', tmp, b.id('Promise')), b.ret(then)),
      ...rest,
    ];
    return;
  }
  // not at the top level (inside a block): await it
  for (const st of body) {
    if (replaceCall(st, callee, name, (c) => ({ type: 'AwaitExpression', argument: c }) satisfies E.AwaitExpression)) {
      fn.async = true;
      return;
    }
  }
}

/** Replaces the first call of `callee` in `root` (not inside nested functions) by `by(call)`; the call, or null. */
function replaceCall(root: E.Node, callee: E.Expression, name: string | undefined, by: (c: E.CallExpression) => E.Expression): E.CallExpression | null {
  let found: E.CallExpression | null = null;
  const visit = (node: unknown, parent: Record<string | number, unknown> | null, key: string | number | null): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((n, i) => visit(n, node as unknown as Record<number, unknown>, i));
      return;
    }
    const n = node as E.Node;
    if (n.type === 'CallExpression' && isCallee(n.callee, callee, name) && parent !== null && key !== null) {
      found = n;
      parent[key] = by(n);
      return;
    }
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression') return;
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'leadingComments' && k !== 'trailingComments') visit(v, n as unknown as Record<string, unknown>, k);
  };
  visit(root, null, null);
  return found;
}

function isCallee(c: E.Node, callee: E.Expression, name: string | undefined): boolean {
  if (c === callee) return true;
  return name !== undefined && c.type === 'Identifier' && c.name === name;
}
