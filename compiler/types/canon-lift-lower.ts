/**
 * `canon lift`, `canon lower` and `task.return` (CanonicalABI.md "canon
 * lift", "canon lower", "canon task.return"): the options each ABI needs,
 * and the core signature: the lifted core function must have exactly
 * `flatten_functype(opts, ft, 'lift')`; a lowering defines one of
 * `flatten_functype(opts, ft, 'lower')`.
 */
import type { Canon } from '../binary/ast.js';
import { LIMITS } from '../binary/opcodes.js';
import { fail } from '../errors/index.js';
import { flatCount, flattenFuncType } from '../abi/layout.js';
import { sigEq } from './core-match.js';
import { canonOptions, disallow, requireOpt } from './canon-opts.js';
import type { CanonInfo, CanonOptions, CoreFuncSig } from './info.js';
import { funcTypeAt } from './kinds.js';
import type { FuncType } from './model.js';
import { at, type Scope } from './scope.js';
import { valTypeRef } from './valtypes.js';
import { containsPtr } from './walk.js';

const count = (f: FuncType, o: CanonOptions): { params: number; result: number } => ({
  params: f.params.reduce((n, p) => n + flatCount(p.type, o.ptr), 0),
  result: f.result ? flatCount(f.result, o.ptr) : 0,
});

const show = (ts: readonly string[]): string => `[${ts.map((t) => t.toUpperCase()).join(', ')}]`;

export function lift(scope: Scope, c: Canon): CanonInfo {
  const offset = c.offset;
  const ft = funcTypeAt(scope, c.type!, offset);
  const core = at(scope.coreFuncs, c.func!, 'coreFuncs', offset);
  const o = canonOptions(scope, c.opts);
  if (o.async && !ft.async) fail('validate/canon-async-sync-type', offset);
  // Parameters are lowered into the callee's memory; results lifted out of it.
  for (const p of ft.params) if (containsPtr(p.type)) requireOpt(o, 'realloc', `parameter \`${p.name}\` holds a string or list`, offset);
  const n = count(ft, o);
  if (n.params > LIMITS.MAX_FLAT_PARAMS) requireOpt(o, 'realloc', `more than ${LIMITS.MAX_FLAT_PARAMS} flat parameters`, offset);
  if (ft.result) {
    const max = o.async ? LIMITS.MAX_FLAT_PARAMS : LIMITS.MAX_FLAT_RESULTS;
    if (n.result > max || (o.async && containsPtr(ft.result))) requireOpt(o, 'memory', 'the result is returned in memory', offset);
  }
  const flat = flattenFuncType(ft, 'lift', { ptrType: o.ptr, async: o.async, callback: o.callback !== undefined });
  const expected: CoreFuncSig = { params: flat.params, results: flat.results };
  if (!sigEq(core, expected)) {
    if (!sameList(flat.params, core.params)) fail('validate/canon-lift-signature', offset, 'parameter', show(flat.params), show(core.params.map(String)), c.func!);
    fail('validate/canon-lift-signature', offset, 'result', show(flat.results), show(core.results.map(String)), c.func!);
  }
  if (o.postReturn !== undefined) {
    const post = scope.coreFuncs[o.postReturn]!;
    if (!sigEq(post, { params: flat.results, results: [] })) {
      fail('validate/canon-opt-signature', offset, 'post-return', `${show(flat.results)} -> []`, `${show(post.params.map(String))} -> ${show(post.results.map(String))}`);
    }
  }
  return { canon: c, opts: o, func: ft, core };
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The core signature and option needs of lowering `ft` (a `canon lower` or `task.return`). */
function lowerSig(ft: FuncType, o: CanonOptions, offset: number): CoreFuncSig {
  for (const p of ft.params) if (containsPtr(p.type)) requireOpt(o, 'memory', `parameter \`${p.name}\` holds a string or list`, offset);
  const n = count(ft, o);
  const maxParams = o.async ? LIMITS.MAX_FLAT_ASYNC_PARAMS : LIMITS.MAX_FLAT_PARAMS;
  if (n.params > maxParams) requireOpt(o, 'memory', `more than ${maxParams} flat parameters`, offset);
  if (ft.result) {
    if (containsPtr(ft.result)) requireOpt(o, 'realloc', 'the result holds a string or list', offset);
    if (o.async || n.result > LIMITS.MAX_FLAT_RESULTS) requireOpt(o, 'memory', 'the result is returned in memory', offset);
  }
  const flat = flattenFuncType(ft, 'lower', { ptrType: o.ptr, async: o.async });
  return { params: flat.params, results: flat.results };
}

export function lower(scope: Scope, c: Canon): CanonInfo {
  const offset = c.offset;
  const ft = at(scope.funcs, c.func!, 'funcs', offset);
  disallow(c.opts, ['post-return', 'callback'], 'for lowerings');
  const o = canonOptions(scope, c.opts);
  if (o.async && !ft.async) fail('validate/canon-async-sync-type', offset);
  const core = lowerSig(ft, o, offset);
  return { canon: c, opts: o, func: ft, core };
}

export function taskReturn(scope: Scope, c: Canon): CanonInfo {
  const offset = c.offset;
  const result = c.result === null || c.result === undefined ? null : valTypeRef(scope, c.result, offset);
  disallow(c.opts, ['realloc', 'post-return', 'callback', 'async'], 'on `task.return`');
  const o = canonOptions(scope, c.opts);
  const ft: FuncType = { kind: 'func', async: false, params: result ? [{ name: 'v', type: result }] : [], result: null };
  return { canon: c, opts: o, func: ft, core: lowerSig(ft, o, offset) };
}
