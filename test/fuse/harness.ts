/**
 * Test harness for fused adapters: plans a fused call, emits it with both
 * sides' memories and reallocs, and evaluates it. `echoPipeline` wraps it
 * between JS values on both ends (the caller's export glue lowers a JS value
 * into the caller's memory; the callee's core function is the import glue of
 * a JS host function over the callee's memory), so any value type can be
 * sent through the adapter and compared with what comes out.
 */
import type { FuncType } from '../../compiler/types/model.js';
import type { AbiOptions, FuncPlan } from '../../compiler/abi/instructions.js';
import { planFused } from '../../compiler/abi/fuse.js';
import { planLift, planLower } from '../../compiler/abi/plan.js';
import { alignment, elemSize, flattenFuncType } from '../../compiler/abi/layout.js';
import {
  createEmitContext, emitFused, emitLift, emitLower, type FusedEmitContext, type FusedHandleHooks,
} from '../../compiler/emit/values/index.js';
import * as b from '../../compiler/emit/builders.js';
import { print } from '../../compiler/emit/print.js';
import * as transcode from '../../runtime/transcode.js';
import * as fused from '../../runtime/fused.js';
import type { RuntimeHelper } from '../../compiler/emit/runtime-helpers.js';
import { build, coerce, makeCore, rt as baseRt, type Core } from '../abi/harness.js';

export { makeCore, type Core };

/** The runtime, fused helpers included (read live: `transcodedLen` is a live binding). */
export const rt: Record<string, unknown> = {};
Object.defineProperties(rt, Object.getOwnPropertyDescriptors(baseRt));
for (const ns of [transcode, fused] as Record<string, unknown>[]) {
  for (const k of Object.keys(ns)) Object.defineProperty(rt, k, { get: () => ns[k], enumerable: true });
}

export type CoreFn = (...args: unknown[]) => unknown;

export interface FusedBuilt {
  code: string;
  fn: CoreFn;
  helpers: Set<RuntimeHelper>;
  plan: FuncPlan;
}

export interface FusedBuildOptions {
  leave?: FusedEmitContext['leave'];
  enter?: FusedEmitContext['enter'];
  exit?: FusedEmitContext['exit'];
  fusedHandles?: FusedHandleHooks;
  /** extra names the emitted code may reference (hooks' identifiers), as `env.<name>` */
  env?: Record<string, unknown>;
  /** the runtime object the code calls through (default: the modules, see `rt`) */
  rt?: Record<string, unknown>;
}

/** Memory and realloc of one side: a fake core (test/abi/core.ts) or a real instance's exports. */
export interface SideImpl {
  mv: import('../../runtime/memory.js').MemView;
  realloc: (old: number, oldSize: number, align: number, size: number) => number;
}

/** Emits `plan` as `function(rt, env, callee, postReturn, callerMem, callerRealloc, calleeMem, calleeRealloc)` and evaluates it. */
export function buildFused(
  plan: FuncPlan, callee: CoreFn, postReturn: CoreFn, caller: SideImpl, calleeSide: SideImpl, opts: FusedBuildOptions = {},
): FusedBuilt {
  const ctx = createEmitContext({
    callee: b.id('callee'),
    postReturn: b.id('postReturn'),
    name: 'fused',
    sides: {
      caller: { memory: b.id('callerMem'), realloc: b.id('callerRealloc') },
      callee: { memory: b.id('calleeMem'), realloc: b.id('calleeRealloc') },
    },
    ...(opts.leave ? { leave: opts.leave } : {}),
    ...(opts.enter ? { enter: opts.enter } : {}),
    ...(opts.exit ? { exit: opts.exit } : {}),
    ...(opts.fusedHandles ? { fusedHandles: opts.fusedHandles } : {}),
  });
  const helper = ctx.helper.bind(ctx);
  ctx.helper = (name) => (helper(name), b.member(b.id('rt'), name));
  const fnExpr = emitFused(plan, ctx as FusedEmitContext);
  const code = print(b.program([...ctx.hoisted, b.ret(fnExpr)], 'script'));
  const make = new Function('rt', 'env', 'callee', 'postReturn', 'callerMem', 'callerRealloc', 'calleeMem', 'calleeRealloc', code);
  const fn = make(opts.rt ?? rt, opts.env ?? {}, callee, postReturn, caller.mv, caller.realloc, calleeSide.mv, calleeSide.realloc) as CoreFn;
  return { code: print(fnExpr), fn, helpers: ctx.helpers, plan };
}

export interface Echo {
  /** JS value(s) in (lowered into the caller's memory), through the fused adapter, JS value out */
  call: CoreFn;
  adapter: FusedBuilt;
  caller: Core;
  callee: Core;
  /** the arguments the callee's host function saw (lifted from the callee's memory) */
  seen: unknown[][];
  postReturns: unknown[][];
}

/**
 * caller glue (planLift over the caller's memory) → fused adapter → callee
 * core (planLower glue over the callee's memory) → `impl` → and back.
 */
export function echoPipeline(
  ft: FuncType,
  callerOpts: Partial<AbiOptions>,
  calleeOpts: Partial<AbiOptions>,
  impl: CoreFn = (...args) => args[0],
  opts: FusedBuildOptions = {},
): Echo {
  const caller = makeCore();
  const callee = makeCore();
  const co = { memory: true, realloc: true, ...callerOpts };
  const ce = { memory: true, realloc: true, postReturn: true, ...calleeOpts };
  const seen: unknown[][] = [];
  const postReturns: unknown[][] = [];

  // the callee's core function (lift signature), made of the import glue of `impl` over its memory
  const host = build(planLower(ft, ce), (...args: unknown[]) => (seen.push(args), impl(...args)), callee);
  const lift = flattenFuncType(ft, 'lift');
  const lowerSig = flattenFuncType(ft, 'lower');
  const calleeCore: CoreFn = (...flat) => {
    const args = flat.map((a, i) => coerce(lift.params[i]!, a));
    let r: unknown;
    if (lift.spillResults) {
      const area = callee.realloc(0, 0, alignment(ft.result!), elemSize(ft.result!));
      host.fn(...args, area);
      r = area;
    } else {
      r = host.fn(...args);
    }
    return lift.results.length ? coerce(lift.results[0]!, r) : undefined;
  };
  const postReturn: CoreFn = (...a) => void postReturns.push(a);

  const plan = planFused(ft, co, ce);
  const adapter = buildFused(plan, calleeCore, postReturn, caller, callee, opts);

  // the caller's core calling its import: coerced as wasm would, the out-pointer allocated when the result spills
  const callerCore: CoreFn = (...flat) => {
    const args = flat.map((a, i) => coerce(lowerSig.params[i]!, a));
    if (lowerSig.spillResults) {
      const area = caller.realloc(0, 0, alignment(ft.result!), elemSize(ft.result!));
      adapter.fn(...args, area);
      return area;
    }
    const r = adapter.fn(...args);
    return lowerSig.results.length ? coerce(lowerSig.results[0]!, r) : undefined;
  };
  const front = build(planLift(ft, co), callerCore, caller);
  return { call: front.fn, adapter, caller, callee, seen, postReturns };
}

/** A lift or lower plan's glue over one side (for comparisons with the JS-value path), through `runtime`. */
export function buildGlue(plan: FuncPlan, callee: CoreFn, side: SideImpl, postReturn: CoreFn, runtime: Record<string, unknown> = rt): CoreFn {
  const ctx = createEmitContext({ callee: b.id('callee'), memory: b.id('mem'), realloc: b.id('realloc'), postReturn: b.id('postReturn') });
  const helper = ctx.helper.bind(ctx);
  ctx.helper = (name) => (helper(name), b.member(b.id('rt'), name));
  const fnExpr = plan.kind === 'lift' ? emitLift(plan, ctx) : emitLower(plan, ctx);
  const code = print(b.program([...ctx.hoisted, b.ret(fnExpr)], 'script'));
  return new Function('rt', 'callee', 'mem', 'realloc', 'postReturn', code)(runtime, callee, side.mv, side.realloc, postReturn) as CoreFn;
}
