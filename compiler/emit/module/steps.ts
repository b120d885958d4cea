/**
 * One emitter per link-plan step kind. Each appends statements to the body
 * of `instantiate`, in plan order, so every name is declared before use.
 */
import type * as E from 'estree';
import { planLift, planLower } from '../../abi/plan.js';
import type { AbiOptions } from '../../abi/instructions.js';
import { fail } from '../../errors/index.js';
import type { FuncItem, ResolvedOpts, Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { createEmitContext, emitLift, emitLower, type EmitContext } from '../values/index.js';
import { awaitExpr } from './builders-module.js';
import { canonName, coreInstanceName, coreItem, hostFunction, memoryView } from './items.js';
import { ancestors, enterFlag, leaveFlag, type EmitState } from './state.js';

type LiftStep = Extract<Step, { kind: 'lift' }>;

/** Lift steps by id, so exports and lowers can ask for wrappers of them. */
export interface Lifts {
  byId: Map<number, LiftStep>;
}

export function emitStep(st: EmitState, lifts: Lifts, step: Step, moduleIdent: (index: number) => E.Expression): void {
  switch (step.kind) {
    case 'core-instantiate': {
      const args = step.args.map(({ name, arg }) => {
        const value =
          arg.kind === 'instance'
            ? b.member(b.id(coreInstanceName(arg.instance)), 'exports')
            : b.object(arg.exports.map(([n, item]) => [n, coreItem(st, item)] as const));
        return [name, value] as const;
      });
      st.locals.push(
        b.constDecl(
          coreInstanceName(step.instance),
          awaitExpr(b.call(b.member(b.id('WebAssembly'), 'instantiate'), moduleIdent(step.module), b.object(args))),
        ),
      );
      return;
    }
    case 'lift':
      lifts.byId.set(step.id, step);
      return;
    case 'lower':
      emitLowerStep(st, lifts, step);
      return;
    case 'resource':
      return; // resource types become run-time objects with the resources issue
    case 'builtin':
      fail('compile/unsupported', step.canon.offset, `the canonical built-in ${step.canon.name}`);
  }
}

function abiOptions(opts: ResolvedOpts): Partial<AbiOptions> {
  return {
    stringEncoding: opts.stringEncoding,
    memory: opts.memory !== undefined,
    realloc: opts.realloc !== undefined,
    postReturn: opts.postReturn !== undefined,
    async: opts.async,
  };
}

/** Calls `core` with `may_leave` cleared for `instance` (realloc, post-return), when that instance checks it. */
function withoutLeave(st: EmitState, instance: number, key: string, core: E.Expression, arity: number): E.Expression {
  if (!st.leaveTracked.has(instance)) return core;
  return st.locals.once(`noleave:${instance}:${key}`, 'guarded', () => {
    const params = Array.from({ length: arity }, (_, i) => `a${i}`);
    const flag = leaveFlag(instance);
    return b.fn(null, params, [
      b.expr(b.assign(flag, b.lit(false))),
      b.constDecl('r', b.call(core, ...params.map((p) => b.id(p)))),
      b.expr(b.assign(flag, b.lit(true))),
      b.ret(b.id('r')),
    ]);
  });
}

function valueContext(st: EmitState, instance: number, opts: ResolvedOpts, fields: Partial<EmitContext> & { callee: E.Expression }) {
  const ctx = createEmitContext(
    {
      ...fields,
      memory: opts.memory ? memoryView(st, opts.memory) : undefined,
      realloc: opts.realloc
        ? withoutLeave(st, instance, `realloc:${JSON.stringify(opts.realloc)}`, coreItem(st, opts.realloc), 4)
        : undefined,
    },
    { helpers: st.helpers, hoisted: st.hoisted, keys: st.hoistKeys },
  );
  return ctx;
}

/**
 * The JS function of a lift, entered from a caller whose own instances are
 * already entered: `entering` lists the instances this call enters (the
 * spec's entering set), checked and cleared for reentrance.
 */
export function liftFunction(st: EmitState, step: LiftStep, entering: number[], name: string): E.Identifier {
  return st.locals.once(`lift:${step.id}:${entering.join(',')}`, name, () => {
    const checkEnter = st.reentrance && entering.length > 0;
    const marker: E.EmptyStatement = { type: 'EmptyStatement' };
    const flags = entering.map(enterFlag);
    const setFlags = (value: boolean) => b.expr(flags.reduceRight<E.Expression>((acc, f) => b.assign(f, acc), b.lit(value)));
    const ctx = valueContext(st, step.component, step.opts, {
      callee: coreItem(st, step.core),
      name,
      postReturn: step.opts.postReturn
        ? withoutLeave(st, step.component, `post-return:${JSON.stringify(step.opts.postReturn)}`, coreItem(st, step.opts.postReturn), 1)
        : undefined,
      enter: () => {
        const out: E.Statement[] = [marker];
        if (checkEnter) {
          st.runtime.add('trap');
          const blocked = b.all('||', flags.map((f) => b.not(b.id(f))));
          out.push(b.ifStmt(blocked, b.expr(b.call('trap', b.lit('trap/cannot-enter')))), setFlags(false));
        }
        return out;
      },
      exit: () => (checkEnter ? [setFlags(true)] : []),
      wrapBody: (body) => guardBody(st, body, marker),
    });
    const plan = planLift(step.type, abiOptions(step.opts));
    return emitLift(plan, ctx);
  });
}

/**
 * Every call into the store: refuse when poisoned; past the entry point (after
 * the argument checks), any exception is a trap that poisons the store.
 */
function guardBody(st: EmitState, body: E.Statement[], marker: E.Statement): E.Statement[] {
  st.runtime.add('trap');
  st.runtime.add('tagTrap');
  const at = body.indexOf(marker);
  const before = at < 0 ? [] : body.slice(0, at);
  const after = at < 0 ? body : body.slice(at + 1);
  return [
    b.ifStmt(b.id('poisoned'), b.expr(b.call('trap', b.lit('trap/poisoned')))),
    ...before,
    b.tryStmt(after, 'e', [b.expr(b.assign('poisoned', b.lit(true))), b.throwStmt(b.call('tagTrap', b.id('e')))]),
  ];
}

function emitLowerStep(st: EmitState, lifts: Lifts, step: Extract<Step, { kind: 'lower' }>): void {
  const callee = calleeOf(st, lifts, step.callee, step.component);
  const name = canonName(step.id);
  const leave = leaveFlag(step.component);
  const ctx = valueContext(st, step.component, step.opts, {
    callee,
    name,
    enter: () => {
      st.runtime.add('trap');
      return [b.ifStmt(b.not(b.id(leave)), b.expr(b.call('trap', b.lit('trap/cannot-leave'))))];
    },
  });
  const plan = planLower(step.type, abiOptions(step.opts));
  st.locals.push(b.constDecl(name, emitLower(plan, ctx)));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}

/** What a lowered function calls: a host function, or the lifted function of another component instance. */
function calleeOf(st: EmitState, lifts: Lifts, callee: FuncItem, caller: number): E.Expression {
  if (callee.kind === 'host') return hostFunction(st, callee.path);
  const step = lifts.byId.get(callee.id)!;
  const mine = new Set(ancestors(st.plan, caller));
  const entering = ancestors(st.plan, step.component).filter((i) => !mine.has(i));
  return liftFunction(st, step, entering, `call${step.id}`);
}
