/**
 * Import and export definitions and declarators (Explainer "Import and
 * Export Definitions", Binary.md's notes): names, annotated functions,
 * external visibility, ascription, and the new index each one adds.
 */
import type { Decl, ExportDef, ExternName, ImportDef } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { addItem, declaredExtern, sortItem, type Direction } from './externs.js';
import { isResource, isValType } from './kinds.js';
import type { ExternType, Resource } from './model.js';
import { checkAnnotatedFunc } from './names.js';
import type { Scope } from './scope.js';
import { Matcher } from './subtype.js';
import { namedCopy } from './tokens.js';
import { checkVisible } from './visibility.js';

/** The sort names checks use (`module` for a core module). */
function sortKind(et: ExternType): string {
  return et.kind;
}

/**
 * Brings an import or export of type `et` into `scope`: its name, the
 * annotated-function rules, external visibility, the index it adds.
 */
export function introduce(scope: Scope, dir: Direction, name: ExternName, et: ExternType, origin: object, offset: number): void {
  const parsed = (dir === 'import' ? scope.importNames : scope.exportNames).add(name, sortKind(et));
  const resources = dir === 'import' ? scope.importedResourceNames : scope.exportedResourceNames;
  if (et.kind === 'func') checkAnnotatedFunc(parsed, et.type, resources, name.offset);
  checkVisible(scope, et, dir, offset);
  if (et.kind === 'type' && isResource(et.type) && parsed.kind === 'plain') {
    resources.set(parsed.label, et.type);
    et.type.name ??= parsed.label;
  }
  addItem(scope, et, origin, dir === 'export', offset);
  (dir === 'import' ? scope.imports : scope.exports).set(name.name, et);
}

/** An `importdecl` / `exportdecl` of a component or instance type, or an import definition. */
export function declare(scope: Scope, d: ImportDef | Extract<Decl, { kind: 'import' | 'export' }>): void {
  const dir: Direction = d.kind === 'import' ? 'import' : 'export';
  const et = declaredExtern(scope, d.type, dir, d.name.name, d.offset);
  introduce(scope, dir, d.name, et, d, d.offset);
}

/**
 * An export definition of a component: the exported item's type, or the
 * ascribed type, which must be a supertype of it.
 */
export function exportDef(scope: Scope, d: ExportDef): void {
  const inferred = sortItem(scope, d.sort, d.index, d.offset);
  let et: ExternType;
  if (d.type) {
    const before = scope.exportedResources.length;
    et = declaredExtern(scope, d.type, 'export', d.name.name, d.offset);
    // Resources the ascription introduces abstractly stand for the actual ones.
    const fresh = scope.exportedResources.slice(before);
    const m = new Matcher(fresh);
    const why = m.extern(inferred, et);
    if (why) fail('validate/ascription-mismatch', d.offset, why);
    for (const r of fresh) implement(r, m.subst.resource(r));
  } else {
    et = exported(inferred, d.name.name);
  }
  introduce(scope, 'export', d.name, et, d, d.offset);
}

function implement(abstract: Resource, actual: Resource): void {
  if (abstract !== actual) abstract.implementedBy = actual.implementedBy ?? actual;
}

/** The type an export gives the item it exports: a type export introduces a new name. */
function exported(et: ExternType, name: string): ExternType {
  if (et.kind !== 'type') return et;
  if (isValType(et.type)) return { kind: 'type', type: namedCopy(et.type, name) };
  return { kind: 'type', type: et.type };
}
