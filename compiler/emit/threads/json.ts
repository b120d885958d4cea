/** Plain data (what `JSON.stringify` accepts) as an ESTree expression, for the literals the thread emitter hands the runtime. */
import type * as E from 'estree';
import * as b from '../builders.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function jsonExpr(value: Json): E.Expression {
  if (Array.isArray(value)) return b.array(value.map(jsonExpr));
  if (value !== null && typeof value === 'object') {
    return b.object(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, jsonExpr(v)] as const])));
  }
  return b.lit(value);
}
