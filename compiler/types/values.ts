/**
 * 🪙 Value and start definitions (Explainer "Value Definitions", "Start
 * Definitions"; Binary.md's value encoding): a value's bytes must encode a
 * value of its type; start calls a function with values and binds its
 * results; every value is consumed exactly once.
 */
import type { StartDef, ValueDef } from '../binary/ast.js';
import { CompileError, fail } from '../errors/index.js';
import { consumeValue } from './externs.js';
import { at, push, type Scope } from './scope.js';
import { Matcher } from './subtype.js';
import { valTypeRef } from './valtypes.js';
import { decodeValue } from './value-decode.js';

export function valueDef(scope: Scope, def: ValueDef): void {
  const type = valTypeRef(scope, def.type, def.offset);
  try {
    decodeValue(def.bytes, type);
  } catch (e) {
    // Point at the definition (the reader knows only positions in the value).
    if (e instanceof CompileError && e.offset === undefined) throw new CompileError(e.code, e.rule, def.offset);
    throw e;
  }
  push(scope, 'values', { type, consumed: false, offset: def.offset }, def);
}

export function startDef(scope: Scope, def: StartDef): void {
  const f = at(scope.funcs, def.func, 'funcs', def.offset);
  if (def.args.length !== f.params.length) fail('validate/start-mismatch', def.offset, `${f.params.length} parameters, ${def.args.length} arguments`);
  def.args.forEach((v, i) => {
    const t = consumeValue(scope, v, def.offset);
    const why = new Matcher().val(t, f.params[i]!.type);
    if (why) fail('validate/start-mismatch', def.offset, `argument ${i}: ${why}`);
  });
  const results = f.result ? 1 : 0;
  if (def.results !== results) fail('validate/start-mismatch', def.offset, `${results} results, ${def.results} result values`);
  if (f.result) push(scope, 'values', { type: f.result, consumed: false, offset: def.offset }, def);
}

/** At the end of a component: every value consumed. */
export function checkValuesConsumed(scope: Scope, offset: number): void {
  scope.values.forEach((v, i) => {
    if (!v.consumed) fail('validate/value-not-consumed', v.offset || offset, i);
  });
}
