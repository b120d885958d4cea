/**
 * ESTree builders: every piece of generated JavaScript is built through
 * these (never from template strings), then printed once by `print.ts`.
 * Names follow the node they build; import as `import * as b from './builders.js'`.
 */
import type * as E from 'estree';

export type { E };

export const id = (name: string): E.Identifier => ({ type: 'Identifier', name });

/** A literal: numbers (negative as unary minus, NaN/Infinity as identifiers), bigints, strings, booleans, null; `undefined` as `void 0`. */
export function lit(value: number | bigint | string | boolean | null | undefined): E.Expression {
  if (value === undefined) return { type: 'UnaryExpression', operator: 'void', prefix: true, argument: num(0) };
  if (typeof value === 'bigint') {
    if (value < 0n) return unary('-', lit(-value));
    return { type: 'Literal', value, bigint: value.toString() };
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return id('NaN');
    if (value === Infinity) return id('Infinity');
    if (value < 0 || Object.is(value, -0)) return unary('-', lit(-value));
    return num(value);
  }
  return { type: 'Literal', value };
}

const num = (value: number): E.SimpleLiteral => ({ type: 'Literal', value });

/** A number literal written in hex (masks read better that way). */
export const hex = (value: number): E.Expression => ({ type: 'Literal', value, raw: `0x${value.toString(16)}` });

export const undef = (): E.Expression => lit(undefined);

export const call = (callee: E.Expression | string, ...args: E.Expression[]): E.CallExpression => ({
  type: 'CallExpression',
  callee: typeof callee === 'string' ? id(callee) : callee,
  arguments: args,
  optional: false,
});

export const newExpr = (callee: E.Expression | string, ...args: E.Expression[]): E.NewExpression => ({
  type: 'NewExpression',
  callee: typeof callee === 'string' ? id(callee) : callee,
  arguments: args,
});

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `o.name`, or `o[expr]` / `o["not-an-identifier"]` */
export function member(object: E.Expression, property: string | number | E.Expression): E.MemberExpression {
  if (typeof property === 'string' && IDENT.test(property)) {
    return { type: 'MemberExpression', object, property: id(property), computed: false, optional: false };
  }
  const prop = typeof property === 'object' ? property : lit(property);
  return { type: 'MemberExpression', object, property: prop, computed: true, optional: false };
}

/** `o.a.b(args)` */
export const method = (object: E.Expression, name: string, ...args: E.Expression[]): E.CallExpression =>
  call(member(object, name), ...args);

export const binary = (operator: E.BinaryOperator, left: E.Expression, right: E.Expression): E.BinaryExpression => ({
  type: 'BinaryExpression', operator, left, right,
});

export const logical = (operator: E.LogicalOperator, left: E.Expression, right: E.Expression): E.LogicalExpression => ({
  type: 'LogicalExpression', operator, left, right,
});

/** `a && b && c` / `a || b || c` of several terms */
export const all = (op: '&&' | '||', terms: E.Expression[]): E.Expression =>
  terms.reduce((acc, t) => logical(op, acc, t));

export const unary = (operator: E.UnaryOperator, argument: E.Expression): E.UnaryExpression => ({
  type: 'UnaryExpression', operator, prefix: true, argument,
});

export const not = (argument: E.Expression): E.UnaryExpression => unary('!', argument);

export const assign = (left: E.Pattern | string, right: E.Expression, operator: E.AssignmentOperator = '='): E.AssignmentExpression => ({
  type: 'AssignmentExpression', operator, left: typeof left === 'string' ? id(left) : left, right,
});

export const update = (operator: '++' | '--', argument: E.Expression, prefix = false): E.UpdateExpression => ({
  type: 'UpdateExpression', operator, argument, prefix,
});

export const cond = (test: E.Expression, consequent: E.Expression, alternate: E.Expression): E.ConditionalExpression => ({
  type: 'ConditionalExpression', test, consequent, alternate,
});

export const array = (elements: E.Expression[]): E.ArrayExpression => ({ type: 'ArrayExpression', elements });

/** `{ key: value, ... }` (keys are quoted when not identifiers) */
export function object(props: readonly (readonly [string, E.Expression])[]): E.ObjectExpression {
  return {
    type: 'ObjectExpression',
    properties: props.map(([key, value]) => ({
      type: 'Property',
      key: IDENT.test(key) ? id(key) : lit(key),
      value,
      kind: 'init',
      method: false,
      shorthand: false,
      computed: false,
    })),
  };
}

// statements

export const expr = (expression: E.Expression): E.ExpressionStatement => ({ type: 'ExpressionStatement', expression });

function declaration(kind: 'const' | 'let' | 'var', decls: [E.Pattern | string, E.Expression | null][]): E.VariableDeclaration {
  return {
    type: 'VariableDeclaration',
    kind,
    declarations: decls.map(([name, init]) => ({
      type: 'VariableDeclarator',
      id: typeof name === 'string' ? id(name) : name,
      init,
    })),
  };
}

export const constDecl = (name: E.Pattern | string, init: E.Expression): E.VariableDeclaration =>
  declaration('const', [[name, init]]);

/** `let a, b = init` */
export const letDecl = (...decls: (string | [string, E.Expression])[]): E.VariableDeclaration =>
  declaration('let', decls.map((d) => (typeof d === 'string' ? [d, null] : d)));

export const block = (body: E.Statement[]): E.BlockStatement => ({ type: 'BlockStatement', body });

const asBlock = (s: E.Statement | E.Statement[]): E.Statement => (Array.isArray(s) ? block(s) : s);

export const ifStmt = (test: E.Expression, consequent: E.Statement | E.Statement[], alternate?: E.Statement | E.Statement[]): E.IfStatement => ({
  type: 'IfStatement',
  test,
  consequent: asBlock(consequent),
  alternate: alternate === undefined ? null : asBlock(alternate),
});

export const ret = (argument?: E.Expression | null): E.ReturnStatement => ({ type: 'ReturnStatement', argument: argument ?? null });

export const throwStmt = (argument: E.Expression): E.ThrowStatement => ({ type: 'ThrowStatement', argument });

export const brk = (): E.BreakStatement => ({ type: 'BreakStatement', label: null });

export const switchStmt = (discriminant: E.Expression, cases: E.SwitchCase[]): E.SwitchStatement => ({
  type: 'SwitchStatement', discriminant, cases,
});

/** `case test:` (or `default:` when test is null) */
export const switchCase = (test: E.Expression | null, consequent: E.Statement[]): E.SwitchCase => ({
  type: 'SwitchCase', test, consequent,
});

/** `for (let i = 0; i < count; i++) body` */
export const forCount = (i: string, count: E.Expression, body: E.Statement[]): E.ForStatement => ({
  type: 'ForStatement',
  init: letDecl([i, lit(0)]),
  test: binary('<', id(i), count),
  update: update('++', id(i)),
  body: block(body),
});

export const tryStmt = (body: E.Statement[], param: string, handler: E.Statement[], finalizer?: E.Statement[]): E.TryStatement => ({
  type: 'TryStatement',
  block: block(body),
  handler: { type: 'CatchClause', param: id(param), body: block(handler) },
  finalizer: finalizer ? block(finalizer) : null,
});

// functions and programs

export const fn = (name: string | null, params: string[], body: E.Statement[]): E.FunctionExpression => ({
  type: 'FunctionExpression',
  id: name === null ? null : id(name),
  params: params.map(id),
  body: block(body),
  generator: false,
  async: false,
});

export const fnDecl = (name: string, params: string[], body: E.Statement[]): E.FunctionDeclaration => ({
  type: 'FunctionDeclaration',
  id: id(name),
  params: params.map(id),
  body: block(body),
  generator: false,
  async: false,
});

export const arrow = (params: string[], body: E.Expression | E.Statement[]): E.ArrowFunctionExpression => ({
  type: 'ArrowFunctionExpression',
  params: params.map(id),
  body: Array.isArray(body) ? block(body) : body,
  expression: !Array.isArray(body),
  generator: false,
  async: false,
});

export const program = (body: (E.Statement | E.ModuleDeclaration)[], sourceType: 'module' | 'script' = 'module'): E.Program => ({
  type: 'Program', body, sourceType,
});

/** `export const name = init` / `export function ...` */
export const exportNamed = (declaration: E.Declaration): E.ExportNamedDeclaration => ({
  type: 'ExportNamedDeclaration', declaration, specifiers: [], source: null, attributes: [],
});

/** A line comment attached before a statement (printed when comments are on). */
export function comment<N extends E.Node>(node: N, text: string): N {
  (node as E.Node & { comments?: E.Comment[] }).comments = [{ type: 'Line', value: ` ${text}` }];
  return node;
}
