/**
 * `canonopt` validation (CanonicalABI.md "canonopt Validation"): each option
 * at most once (one string encoding), `memory` a core memory, `realloc`
 * `(func (param p p p p) (result p))` for the memory's address type `p` and
 * only with `memory`, `callback` `(func (param i32 i32 i32) (result i32))`
 * and only with `async`, no `post-return` with `async`.
 */
import type { CanonOpt } from '../binary/ast.js';
import type { CanonOptName } from '../binary/opcodes.js';
import { fail } from '../errors/index.js';
import { showSig } from './core-match.js';
import type { CanonOptions, CoreFuncSig } from './info.js';
import { at, type Scope } from './scope.js';

const ENCODINGS = new Set<CanonOptName>(['utf8', 'utf16', 'latin1+utf16']);

const sigIs = (s: CoreFuncSig, params: string[], results: string[]): boolean =>
  s.params.length === params.length &&
  s.results.length === results.length &&
  s.params.every((p, i) => p === params[i]) &&
  s.results.every((r, i) => r === results[i]);

export function canonOptions(scope: Scope, opts: readonly CanonOpt[] | undefined): CanonOptions {
  const out: CanonOptions = { stringEncoding: 'utf8', async: false, ptr: 'i32' };
  const seen = new Map<string, CanonOpt>();
  let encoding: CanonOpt | undefined;
  for (const o of opts ?? []) {
    if (ENCODINGS.has(o.name)) {
      if (encoding) fail('validate/canon-encoding-conflict', o.offset, encoding.name, o.name);
      encoding = o;
      out.stringEncoding = o.name as CanonOptions['stringEncoding'];
      continue;
    }
    if (seen.has(o.name)) fail('validate/canon-opt-twice', o.offset, o.name);
    seen.set(o.name, o);
    switch (o.name) {
      case 'memory': {
        const mem = at(scope.coreMemories, o.index!, 'coreMemories', o.offset);
        out.memory = o.index!;
        out.ptr = mem.memory64 ? 'i64' : 'i32';
        break;
      }
      case 'realloc':
        out.realloc = o.index!;
        break;
      case 'post-return':
        out.postReturn = o.index!;
        break;
      case 'callback':
        out.callback = o.index!;
        break;
      case 'async':
        out.async = true;
        break;
    }
  }
  if (out.callback !== undefined && !out.async) fail('validate/canon-opt-not-allowed', seen.get('callback')!.offset, 'callback', 'without `async`');
  if (out.postReturn !== undefined && out.async) fail('validate/canon-opt-not-allowed', seen.get('post-return')!.offset, 'post-return', 'with `async`');
  if (out.realloc !== undefined) {
    const o = seen.get('realloc')!;
    if (out.memory === undefined) fail('validate/canon-realloc-needs-memory', o.offset);
    const sig = at(scope.coreFuncs, out.realloc, 'coreFuncs', o.offset);
    const p = out.ptr;
    if (!sigIs(sig, [p, p, p, p], [p])) fail('validate/canon-opt-signature', o.offset, 'realloc', `[${p} ${p} ${p} ${p}] -> [${p}]`, showSig(sig));
  }
  if (out.callback !== undefined) {
    const o = seen.get('callback')!;
    const sig = at(scope.coreFuncs, out.callback, 'coreFuncs', o.offset);
    // (i32 i32 i32) -> i32; newer toolchains also use (i32) -> i32.
    if (!sigIs(sig, ['i32', 'i32', 'i32'], ['i32']) && !sigIs(sig, ['i32'], ['i32'])) {
      fail('validate/canon-opt-signature', o.offset, 'callback', '[i32 i32 i32] -> [i32]', showSig(sig));
    }
  }
  if (out.postReturn !== undefined) at(scope.coreFuncs, out.postReturn, 'coreFuncs', seen.get('post-return')!.offset);
  return out;
}

/** Fails if any of `names` was given: they make no sense for this built-in. */
export function disallow(opts: readonly CanonOpt[] | undefined, names: readonly CanonOptName[], where: string): void {
  for (const o of opts ?? []) if (names.includes(o.name)) fail('validate/canon-opt-not-allowed', o.offset, o.name, where);
}

/** Fails unless option `name` is present. */
export function requireOpt(o: CanonOptions, name: 'memory' | 'realloc', why: string, offset: number): void {
  if (o.memory === undefined) fail('validate/canon-opt-required', offset, 'memory', why);
  if (name === 'realloc' && o.realloc === undefined) fail('validate/canon-opt-required', offset, 'realloc', why);
}
