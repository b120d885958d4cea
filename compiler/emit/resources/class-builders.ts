/** ESTree builders for the classes of exported resource types (beyond ../builders.ts). */
import type * as E from 'estree';
import * as b from '../builders.js';

/** `[static] key(params) { body }`; computed keys for a symbol or names a class treats specially. */
export function methodDef(
  key: string | E.Expression,
  params: string[],
  body: E.Statement[],
  opts: { static?: boolean; ctor?: boolean } = {},
): E.MethodDefinition {
  const special = typeof key === 'string' && !opts.ctor && (key === 'constructor' || key === 'prototype');
  const computed = typeof key !== 'string' || special;
  return {
    type: 'MethodDefinition',
    key: typeof key === 'string' ? (computed ? b.lit(key) : b.id(key)) : key,
    computed,
    static: opts.static ?? false,
    kind: opts.ctor ? 'constructor' : 'method',
    value: {
      type: 'FunctionExpression',
      id: null,
      params: params.map(b.id),
      body: b.block(body),
      generator: false,
      async: false,
    },
  } as E.MethodDefinition;
}

/** `class Name { members }` as an expression. */
export const classExpr = (name: string, members: E.MethodDefinition[]): E.ClassExpression => ({
  type: 'ClassExpression',
  id: b.id(name),
  superClass: null,
  body: { type: 'ClassBody', body: members },
});

export const thisExpr = (): E.ThisExpression => ({ type: 'ThisExpression' });
