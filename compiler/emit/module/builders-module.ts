/**
 * Module-level ESTree builders (imports, exports, async functions, await,
 * import.meta): the part of the builders the module emitter needs beyond
 * ../builders.ts.
 */
import type * as E from 'estree';
import * as b from '../builders.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** An identifier or, for names that are not identifiers, a string literal (ES2022 arbitrary module namespace names). */
export const moduleName = (name: string): E.Identifier | E.Literal =>
  IDENT.test(name) ? b.id(name) : ({ type: 'Literal', value: name } as E.Literal);

export const awaitExpr = (argument: E.Expression): E.AwaitExpression => ({ type: 'AwaitExpression', argument });

export const asyncFnDecl = (name: string, params: E.Pattern[], body: E.Statement[]): E.FunctionDeclaration => ({
  type: 'FunctionDeclaration',
  id: b.id(name),
  params,
  body: b.block(body),
  generator: false,
  async: true,
});

/** `name = init` as a parameter pattern */
export const defaultParam = (name: string, init: E.Expression): E.AssignmentPattern => ({
  type: 'AssignmentPattern',
  left: b.id(name),
  right: init,
});

export const importMetaUrl = (): E.MemberExpression => ({
  type: 'MemberExpression',
  object: { type: 'MetaProperty', meta: b.id('import'), property: b.id('meta') },
  property: b.id('url'),
  computed: false,
  optional: false,
});

/** `import * as local from 'source'` */
export const importNamespace = (local: string, source: string): E.ImportDeclaration => ({
  type: 'ImportDeclaration',
  specifiers: [{ type: 'ImportNamespaceSpecifier', local: b.id(local) }],
  source: { type: 'Literal', value: source },
  attributes: [],
});

/** `import local from 'source'` / `import { name as local } from 'source'` */
export const importNamed = (local: string, imported: string | 'default', source: string): E.ImportDeclaration => ({
  type: 'ImportDeclaration',
  specifiers: [
    imported === 'default'
      ? { type: 'ImportDefaultSpecifier', local: b.id(local) }
      : { type: 'ImportSpecifier', imported: moduleName(imported) as E.Identifier, local: b.id(local) },
  ],
  source: { type: 'Literal', value: source },
  attributes: [],
});

/** `export { local as exported, … }` */
export const exportList = (pairs: [local: string, exported: string][]): E.ExportNamedDeclaration => ({
  type: 'ExportNamedDeclaration',
  declaration: null,
  specifiers: pairs.map(([local, exported]) => ({
    type: 'ExportSpecifier',
    local: b.id(local),
    exported: moduleName(exported) as E.Identifier,
  })),
  source: null,
  attributes: [],
});

export const exportDecl = (declaration: E.Declaration): E.ExportNamedDeclaration => b.exportNamed(declaration);
