/**
 * stream<T> / future<T> / error-context values in the glue (value-emitter
 * handle hooks) and the run-time element type of each stream/future type.
 * Towards the host a stream is a ReadableStream (in: a ReadableStream or an
 * (async) iterable), a future a Promise (in: a Promise or value), an
 * error-context an `ErrorContext`; between components the glue hands over
 * the readable end itself (the runtime's `ReadSide`).
 */
import type * as E from 'estree';
import type { ValType } from '../../types/model.js';
import * as b from '../builders.js';
import type { HandleHooks } from '../values/index.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { componentResources, typeKey } from './uses.js';
import type { ResourceMap } from '../../link/resources.js';
import { toLowerCamel } from '../../types/names.js';
import { classRef, resourceTypeRef, runtimeResource } from '../resources/index.js';

const NUMBERS = new Set(['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64']);

/** Is `t` (an element type) moved as plain bytes: a number type, or none. */
export const isPlainElem = (t: ValType | null): boolean => t === null || NUMBERS.has(t.kind);

/** The run-time `AsyncElemType` of a stream/future type: one object per distinct element type. */
export function elemTypeRef(st: EmitState, t: ValType & { kind: 'stream' | 'future' }, component: number): E.Expression {
  const key = `${t.kind}<${typeKey(t.element, componentResources(st, component))}>`;
  return st.locals.once(`elemtype:${key}`, 'elemType', () =>
    b.object([
      ['plain', b.lit(isPlainElem(t.element))],
      ['name', b.lit(t.element === null ? 'none' : t.element.kind)],
    ]),
  );
}

const ASYNC_KINDS = new Set(['stream', 'future', 'error-context']);

/** Wraps the resources emitter's hooks with the async value kinds. */
export function withAsyncHooks(st: EmitState, instance: number, host: boolean, inner: HandleHooks): HandleHooks {
  const use = (name: string) => {
    st.runtime.add(name);
    return name;
  };
  const inst = () => instanceRef(instance);
  return {
    invalid(t, v) {
      if (!ASYNC_KINDS.has(t.kind)) return inner.invalid ? inner.invalid(t, v) : b.lit(false);
      if (!host) return b.lit(false);
      if (t.kind === 'error-context') return b.not(b.binary('instanceof', v, b.id(use('ErrorContext'))));
      if (t.kind === 'stream') return b.binary('!=', b.unary('typeof', v), b.lit('object'));
      return b.lit(false);
    },
    lift(t, h) {
      if (!ASYNC_KINDS.has(t.kind)) return inner.lift(t, h);
      if (t.kind === 'error-context') return b.call(use('errorContextLift'), inst(), h);
      const et = elemTypeRef(st, t as ValType & { kind: 'stream' | 'future' }, instance);
      if (t.kind === 'stream') return b.call(use(host ? 'asyncStreamToHost' : 'streamLift'), inst(), et, h);
      return b.call(use(host ? 'asyncFutureToHost' : 'futureLift'), inst(), et, h);
    },
    lower(t, v) {
      if (!ASYNC_KINDS.has(t.kind)) return inner.lower(t, v);
      if (t.kind === 'error-context') return b.call(use('errorContextLower'), inst(), v);
      const et = elemTypeRef(st, t as ValType & { kind: 'stream' | 'future' }, instance);
      if (t.kind === 'stream') return host ? b.call(use('asyncStreamFromHost'), inst(), et, v) : b.call(use('streamLower'), inst(), v);
      return host ? b.call(use('asyncFutureFromHost'), inst(), et, v) : b.call(use('futureLower'), inst(), v);
    },
  };
}

/**
 * `task.return` hands over the value as another component's glue takes it
 * (readable ends, not JS objects); for the host it is converted: a function
 * `(v) => hostValue` for a result type holding streams, futures or
 * error-contexts (null when the value is the same either way).
 */
export function hostFaceOf(st: EmitState, t: ValType | null, resources?: ResourceMap): E.Expression | null {
  if (t === null) return null;
  const conv = convert(st, t, b.id('v'), 0, resources);
  return conv === null ? null : b.arrow(['v'], conv);
}

function convert(st: EmitState, t: ValType, v: E.Expression, depth: number, resources?: ResourceMap): E.Expression | null {
  const use = (name: string) => {
    st.runtime.add(name);
    return name;
  };
  const sub = (ct: ValType, x: E.Expression) => convert(st, ct, x, depth + 1, resources);
  const x = `x${depth}`;
  switch (t.kind) {
    case 'stream':
      return b.call(use('hostStreamToReadable'), v);
    case 'future':
      return b.call(use('hostFutureToPromise'), v);
    case 'own': {
      // the rep task.return lifted: the host gets the wrapper (component-defined type) or its own object back
      if (!resources) return null;
      const r = runtimeResource(st, resources, t);
      const rt = resourceTypeRef(st, r);
      if (r.kind === 'host') return b.call(use('hostObjectTake'), rt, v);
      const blank = b.call(b.member(b.id('Object'), 'create'), b.member(classRef(st, r.id), 'prototype'));
      return b.call(use('resourceWrapOwn'), blank, rt, v);
    }
    case 'option': {
      const inner = sub(t.type, b.id(x));
      return inner && b.call(b.arrow([x], b.cond(b.binary('==', b.id(x), b.lit(null)), b.id(x), inner)), v);
    }
    case 'list': {
      const inner = sub(t.element, b.id(x));
      return inner && b.method(v, 'map', b.arrow([x], inner));
    }
    case 'result': {
      const ok = t.ok ? sub(t.ok, b.member(b.id(x), 'value')) : null;
      const err = t.err ? sub(t.err, b.member(b.id(x), 'value')) : null;
      if (!ok && !err) return null;
      const isOk = b.binary('===', b.member(b.id(x), 'tag'), b.lit('ok'));
      const rebuild = (e: E.Expression | null) => e && b.object([['tag', b.member(b.id(x), 'tag')], ['value', e]]);
      return b.call(b.arrow([x], b.cond(isOk, rebuild(ok) ?? b.id(x), rebuild(err) ?? b.id(x))), v);
    }
    case 'record': {
      const parts = t.fields.map((f) => [toLowerCamel(f.name), sub(f.type, b.member(b.id(x), toLowerCamel(f.name)))] as const);
      if (parts.every(([, p]) => p === null)) return null;
      const fields = parts.map(([k, p]) => [k, p ?? b.member(b.id(x), k)] as [string, E.Expression]);
      return b.call(b.arrow([x], b.object(fields)), v);
    }
    case 'tuple': {
      const parts = t.types.map((ct, i) => sub(ct, b.member(b.id(x), i)));
      if (parts.every((p) => p === null)) return null;
      return b.call(b.arrow([x], b.array(parts.map((p, i) => p ?? b.member(b.id(x), i)))), v);
    }
    default:
      return null;
  }
}

/**
 * The call scope of borrows (resources emitter's `const scope = …`) kept on
 * the task or subtask the glue function is applied to (`this`), so the
 * runtime ends it when the task resolves (runtime/async/task.ts).
 */
export function scopeOnThis(begin: E.Statement[]): (() => E.Statement[]) | undefined {
  if (!begin.length) return undefined;
  const self: E.ThisExpression = { type: 'ThisExpression' };
  return () => [...begin, b.expr(b.assign(b.member(self, 'scope') as E.MemberExpression, b.id('scope')))];
}
