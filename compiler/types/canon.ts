/**
 * Canonical definitions (Explainer "Canonical Definitions", CanonicalABI.md
 * "Canonical Definitions"): every built-in of the CANON table, with the
 * validation rules for its immediates and the core signature it defines.
 */
import type { Canon, CanonDef, CoreValType } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { canonOptions, disallow, requireOpt } from './canon-opts.js';
import { lift, lower, taskReturn } from './canon-lift-lower.js';
import type { CanonInfo, CoreFuncSig } from './info.js';
import { resourceAt, valTypeAt } from './kinds.js';
import type { ValType } from './model.js';
import { at, push, type Scope } from './scope.js';
import { containsPtr } from './walk.js';

const I32 = 'i32' as const;
const sig = (params: CoreValType[], results: CoreValType[]): CoreFuncSig => ({ params, results });

/** Built-ins whose core signature is fixed. */
const FIXED: Record<string, CoreFuncSig> = {
  'task.cancel': sig([], []),
  'subtask.cancel': sig([I32], [I32]),
  'thread.yield': sig([], [I32]),
  'subtask.drop': sig([I32], []),
  'stream.cancel-read': sig([I32], [I32]),
  'stream.cancel-write': sig([I32], [I32]),
  'stream.drop-readable': sig([I32], []),
  'stream.drop-writable': sig([I32], []),
  'future.cancel-read': sig([I32], [I32]),
  'future.cancel-write': sig([I32], [I32]),
  'future.drop-readable': sig([I32], []),
  'future.drop-writable': sig([I32], []),
  'stream.new': sig([], ['i64']),
  'future.new': sig([], ['i64']),
  'error-context.drop': sig([I32], []),
  'waitable-set.new': sig([], [I32]),
  'waitable-set.drop': sig([I32], []),
  'waitable.join': sig([I32, I32], []),
  'backpressure.inc': sig([], []),
  'backpressure.dec': sig([], []),
  'thread.index': sig([], [I32]),
  'thread.resume-later': sig([I32], []),
  'thread.suspend': sig([], [I32]),
  'thread.suspend-then-resume': sig([I32], [I32]),
  'thread.yield-then-resume': sig([I32], [I32]),
  'thread.suspend-then-promote': sig([I32], [I32]),
  'thread.yield-then-promote': sig([I32], [I32]),
  'thread.available-parallelism': sig([], [I32]),
};

export function canonDef(scope: Scope, def: CanonDef, canons: Map<Canon, CanonInfo>): void {
  const info = canon(scope, def.canon);
  canons.set(def.canon, info);
  if (def.canon.name === 'lift') push(scope, 'funcs', info.func!, def);
  else push(scope, 'coreFuncs', info.core, def);
}

function canon(scope: Scope, c: Canon): CanonInfo {
  const offset = c.offset;
  switch (c.name) {
    case 'lift':
      return lift(scope, c);
    case 'lower':
      return lower(scope, c);
    case 'task.return':
      return taskReturn(scope, c);
    case 'resource.new':
    case 'resource.rep': {
      const resource = resourceAt(scope, c.type!, offset);
      if (!scope.definedSet.has(resource)) fail('validate/canon-not-local-resource', offset, c.name, c.type!);
      const rep = resource.rep ?? I32;
      return { canon: c, resource, core: c.name === 'resource.new' ? sig([rep], [I32]) : sig([I32], [rep]) };
    }
    case 'resource.drop':
      return { canon: c, resource: resourceAt(scope, c.type!, offset), core: sig([I32], []) };
    case 'context.get':
    case 'context.set': {
      const t = c.valtype!;
      if (t !== 'i32' && t !== 'i64') fail('validate/canon-bad-immediate', offset, c.name, 'only `i32` (or `i64` with 🐘) is supported');
      if (c.index! >= 2) fail('validate/canon-bad-immediate', offset, c.name, `slot ${c.index} out of range (there are 2 context slots)`);
      if (scope.contextType !== undefined && scope.contextType !== t) {
        fail('validate/canon-bad-immediate', offset, c.name, 'type must match previous context type (all context.get/set of a component use one type)');
      }
      scope.contextType = t;
      return { canon: c, core: c.name === 'context.get' ? sig([], [t]) : sig([t], []) };
    }
    case 'stream.read':
    case 'stream.write':
    case 'future.read':
    case 'future.write':
      return copy(scope, c);
    case 'error-context.new':
    case 'error-context.debug-message': {
      disallow(c.opts, ['async', 'post-return', 'callback'], `on \`${c.name}\``);
      const o = canonOptions(scope, c.opts);
      requireOpt(o, c.name === 'error-context.new' ? 'memory' : 'realloc', 'the debug message is passed in memory', offset);
      const core = c.name === 'error-context.new' ? sig([o.ptr, o.ptr], [I32]) : sig([I32, o.ptr], []);
      return { canon: c, opts: o, core };
    }
    case 'waitable-set.wait':
    case 'waitable-set.poll': {
      const mem = at(scope.coreMemories, c.memory!, 'coreMemories', offset);
      return { canon: c, core: sig([I32, mem.memory64 ? 'i64' : I32], [I32]) };
    }
    case 'thread.new-indirect':
    case 'thread.spawn-indirect': {
      const arg = threadFuncType(scope, c);
      const table = at(scope.coreTables, c.table!, 'coreTables', offset);
      const el = table.element;
      if (el.heap !== 'func' || !el.nullable) fail('validate/canon-requires-type', offset, c.name, 'a table of `funcref`');
      return { canon: c, core: sig([table.table64 ? 'i64' : I32, arg], [I32]) };
    }
    case 'thread.spawn-ref': {
      const arg = threadFuncType(scope, c);
      const ref: CoreValType = { kind: 'ref', nullable: true, shared: false, heap: c.coreType! };
      return { canon: c, core: { params: [ref, arg], results: [I32], types: scope.coreSubTypes } };
    }
    default: {
      const fixed = FIXED[c.name];
      if (!fixed) fail('validate/canon-bad-immediate', offset, c.name, 'unknown canonical built-in');
      if (c.name.startsWith('stream.') || c.name.startsWith('future.')) {
        return { canon: c, payload: asyncType(scope, c), core: fixed };
      }
      return { canon: c, core: fixed };
    }
  }
}

/** The `stream`/`future` type a stream.* / future.* built-in names. */
function asyncType(scope: Scope, c: Canon): ValType & { kind: 'stream' | 'future' } {
  const want = c.name.startsWith('stream.') ? 'stream' : 'future';
  const t = valTypeAt(scope, c.type!, c.offset);
  if (t.kind !== want) fail('validate/canon-requires-type', c.offset, c.name, `a ${want} type`);
  return t as ValType & { kind: 'stream' | 'future' };
}

/** stream.read/write, future.read/write: a memory for a payload; a realloc to read strings and lists. */
function copy(scope: Scope, c: Canon): CanonInfo {
  const payload = asyncType(scope, c);
  disallow(c.opts, ['post-return', 'callback'], `on \`${c.name}\``);
  const o = canonOptions(scope, c.opts);
  if (payload.element) {
    requireOpt(o, 'memory', 'values are copied through memory', c.offset);
    if (c.name.endsWith('.read') && containsPtr(payload.element)) requireOpt(o, 'realloc', 'read values hold strings or lists', c.offset);
  }
  const core = c.name.startsWith('stream.') ? sig([I32, o.ptr, o.ptr], [o.ptr]) : sig([I32, o.ptr], [I32]);
  return { canon: c, opts: o, payload, core };
}

/**
 * thread.new-indirect / spawn-*: `ft` must be `(func (param i32|i64))`; returns the parameter type.
 * 🧵② sharedness: the spec writes `ft` as `(shared? (func …))`, the table's elements as
 * `(ref null (shared? func))`, and gives a `shared` spawn's core function a shared type. No
 * JS engine has shared function types or shared tables yet, so a component that must run
 * marks neither: `ft` and the table are accepted shared or not, and the defined core
 * function is typed unshared (README "Shared threads"); `shared` picks preemptive threads.
 */
function threadFuncType(scope: Scope, c: Canon): CoreValType {
  const entry = at(scope.coreTypes, c.coreType!, 'coreTypes', c.offset);
  const f = entry.kind === 'sub' ? entry.sub.composite : null;
  const ok = f?.kind === 'func' && f.params.length === 1 && (f.params[0] === 'i32' || f.params[0] === 'i64') && f.results.length === 0;
  if (!ok) fail('validate/canon-requires-type', c.offset, c.name, 'a core function type `(func (param i32))`');
  return (f as { params: CoreValType[] }).params[0]!;
}
