/**
 * Test harness for emitted glue: plans a function, emits it, prints it with
 * the hoisted declarations, and evaluates it against a fake core instance
 * (a WebAssembly.Memory, a recording bump `realloc`, JS functions standing
 * for core functions with wasm's value coercions at the boundary).
 */
import type { FuncType } from '../../compiler/types/model.js';
import type { AbiOptions, FuncPlan } from '../../compiler/abi/instructions.js';
import { planLift, planLower } from '../../compiler/abi/plan.js';
import { flattenFuncType, type CoreFlatType } from '../../compiler/abi/layout.js';
import { emitLift, emitLower, createEmitContext } from '../../compiler/emit/values/index.js';
import type { HandleHooks } from '../../compiler/emit/values/context.js';
import * as b from '../../compiler/emit/builders.js';
import { print } from '../../compiler/emit/print.js';
import * as traps from '../../runtime/traps.js';
import * as typeErrors from '../../runtime/type-errors.js';
import * as componentError from '../../runtime/component-error.js';
import * as memory from '../../runtime/memory.js';
import * as strings from '../../runtime/strings.js';
import * as lists from '../../runtime/lists.js';
import * as scalars from '../../runtime/scalars.js';
import type { RuntimeHelper } from '../../compiler/emit/runtime-helpers.js';
import { makeCore, type Core } from './core.js';

export { makeCore, type Core };

/** All runtime exports, read live (encodedLen is a live binding). */
export const rt: Record<string, unknown> = {};
for (const ns of [traps, typeErrors, componentError, memory, strings, lists, scalars] as Record<string, unknown>[]) {
  for (const k of Object.keys(ns)) Object.defineProperty(rt, k, { get: () => ns[k], enumerable: true });
}

/** wasm's ToWebAssemblyValue for a core type. */
export function coerce(t: CoreFlatType, v: unknown): number | bigint {
  switch (t) {
    case 'i32': return Number(v) | 0;
    case 'i64': return BigInt.asIntN(64, v as bigint);
    case 'f32': return Math.fround(v as number);
    case 'f64': return Number(v);
  }
}

export interface Built {
  code: string;
  fn: (...args: unknown[]) => unknown;
  helpers: Set<RuntimeHelper>;
  plan: FuncPlan;
}

export interface BuildOptions {
  handles?: HandleHooks;
  enter?: () => import('estree').Statement[];
  exit?: () => import('estree').Statement[];
}

/** Emits the plan into `function(rt, callee, mem, realloc, postReturn) { hoisted; return <fn> }` and evaluates it. */
export function build(plan: FuncPlan, callee: unknown, core: Core, opts: BuildOptions = {}): Built {
  const ctx = createEmitContext({
    callee: b.id('callee'),
    memory: b.id('mem'),
    realloc: b.id('realloc'),
    postReturn: b.id('postReturn'),
    name: plan.kind === 'lift' ? 'exported' : 'imported',
    ...(opts.handles ? { handles: opts.handles } : {}),
    ...(opts.enter ? { enter: opts.enter } : {}),
    ...(opts.exit ? { exit: opts.exit } : {}),
  });
  // helpers through `rt.name` so that live bindings stay live
  const helper = ctx.helper.bind(ctx);
  ctx.helper = (name) => (helper(name), b.member(b.id('rt'), name));
  const fnExpr = plan.kind === 'lift' ? emitLift(plan, ctx) : emitLower(plan, ctx);
  const fnCode = print(fnExpr);
  const code = print(b.program([...ctx.hoisted, b.ret(fnExpr)], 'script'));
  const make = new Function('rt', 'callee', 'mem', 'realloc', 'postReturn', code);
  const postReturn = (...args: unknown[]) => void core.postReturnCalls.push(args);
  const fn = make(rt, callee, core.mv, core.realloc, postReturn) as Built['fn'];
  return { code: fnCode, fn, helpers: ctx.helpers, plan };
}

/** An export wrapper calling `coreFn` (given coerced flat args; its results are coerced too). */
export function liftWith(
  ft: FuncType,
  opts: Partial<AbiOptions>,
  coreFn: (...flat: (number | bigint)[]) => unknown,
  core = makeCore(),
  bo?: BuildOptions,
): Built & { core: Core } {
  const plan = planLift(ft, opts);
  const flat = flattenFuncType(ft, 'lift');
  const callee = (...args: unknown[]) => {
    const r = coreFn(...args.map((a, i) => coerce(flat.params[i]!, a)));
    return flat.results.length ? coerce(flat.results[0]!, r) : undefined;
  };
  return { ...build(plan, callee, core, bo), core };
}

/** An import function (called with flat core values) calling `host`. */
export function lowerWith(
  ft: FuncType,
  opts: Partial<AbiOptions>,
  host: (...args: unknown[]) => unknown,
  core = makeCore(),
  bo?: BuildOptions,
): Built & { core: Core } {
  return { ...build(planLower(ft, opts), host, core, bo), core };
}

/**
 * host → export wrapper → fake core → import trampoline → `host` → back.
 * The fake core forwards its flat arguments to the import and returns its
 * result (allocating the return area when the result spills).
 */
export function roundTrip(
  ft: FuncType,
  opts: Partial<AbiOptions>,
  host: (...args: unknown[]) => unknown = (x) => x,
): { call: (...args: unknown[]) => unknown; lift: Built; lower: Built; core: Core } {
  const core = makeCore();
  const full = { memory: true, realloc: true, ...opts };
  const lowerFlat = flattenFuncType(ft, 'lower');
  const lower = lowerWith(ft, full, host, core);
  const lift = liftWith(ft, full, (...flat) => {
    const args = flat.map((a, i) => coerce(lowerFlat.params[i]!, a));
    if (lowerFlat.spillResults) {
      const area = core.realloc(0, 0, 8, 256);
      lower.fn(...args, area);
      return area;
    }
    return lower.fn(...args);
  }, core);
  return { call: lift.fn, lift, lower, core };
}
