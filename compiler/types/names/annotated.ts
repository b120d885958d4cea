/**
 * The rules that tie a name to its item (Binary.md, import/export notes):
 * - `[constructor]`, `[method]`, `[static]` names only name functions;
 * - `[constructor]r` returns `(own $R)` or `(result (own $R) (error E)?)`;
 * - `[method]r.l` takes `(param "self" (borrow $R))` first;
 * - `[static]r.l` only needs `r` to be a resource in scope;
 * where `$R` is the resource imported/exported under the plain name `r`
 * earlier in the same scope (imports for imports, exports for exports);
 * - 🏷️ `implements` only on instances.
 */
import { fail } from '../../errors/index.js';
import type { FuncType, Resource, ValType } from '../model.js';
import type { ParsedName } from './extern-name.js';

/** `instance` → `an instance`, for messages. */
function described(sortKind: string): string {
  const sort = sortKind === 'module' ? 'core module' : sortKind;
  return /^[aeiou]/.test(sort) ? `an ${sort}` : `a ${sort}`;
}

/** Annotated names (`[constructor]`/`[method]`/`[static]`) only on funcs. */
export function checkNotAnnotatedNonFunc(parsed: ParsedName, sortKind: string, offset: number): void {
  if ((parsed.kind === 'constructor' || parsed.kind === 'method' || parsed.kind === 'static') && sortKind !== 'func') {
    fail('validate/name-annotated-not-func', offset, parsed.raw, described(sortKind));
  }
}

/** 🏷️ An `implements` attribute only on an instance. */
export function checkImplementsSort(parsed: ParsedName, sortKind: string, offset: number): void {
  if (parsed.implements && sortKind !== 'instance') {
    fail('validate/name-implements-not-instance', offset, parsed.raw, described(sortKind));
  }
}

/** Every rule of a name that depends only on the item's sort. */
export function checkNameForSort(parsed: ParsedName, sortKind: string, offset: number): void {
  checkImplementsSort(parsed, sortKind, offset);
  checkNotAnnotatedNonFunc(parsed, sortKind, offset);
}

/**
 * Checks the type of a function named `[constructor]r`, `[method]r.l` or
 * `[static]r.l` (other names pass). `resources` maps the plain names of the
 * resources imported (for an import) or exported (for an export) earlier in
 * the same scope to the resource each names.
 */
export function checkAnnotatedFunc(
  parsed: ParsedName,
  func: FuncType,
  resources: ReadonlyMap<string, Resource>,
  offset: number,
): void {
  switch (parsed.kind) {
    case 'constructor': {
      if (func.result === null) fail('validate/name-ctor-no-result', offset, parsed.raw);
      const own = ownedResource(func.result);
      if (!own) fail('validate/name-ctor-bad-result', offset, parsed.raw, parsed.resource);
      return matchResource(parsed.raw, parsed.resource, own, resources, offset);
    }
    case 'method': {
      const self = func.params[0];
      if (!self) fail('validate/name-method-no-params', offset, parsed.raw);
      if (self.name !== 'self') fail('validate/name-method-self-name', offset, parsed.raw, self.name);
      if (self.type.kind !== 'borrow') fail('validate/name-method-self-type', offset, parsed.raw, parsed.resource);
      return matchResource(parsed.raw, parsed.resource, self.type.resource, resources, offset);
    }
    case 'static':
      if (!resources.has(parsed.resource)) fail('validate/name-static-unknown-resource', offset, parsed.raw, parsed.resource);
      return;
    default:
      return;
  }
}

/** The resource of `(own $R)` or `(result (own $R) …)`, else null. */
function ownedResource(t: ValType): Resource | null {
  if (t.kind === 'own') return t.resource;
  if (t.kind === 'result' && t.ok?.kind === 'own') return t.ok.resource;
  return null;
}

function matchResource(
  name: string,
  expected: string,
  resource: Resource,
  resources: ReadonlyMap<string, Resource>,
  offset: number,
): void {
  if (resources.get(expected) === resource) return;
  // Report the name the function's resource does have here, if any.
  for (const [found, r] of resources) {
    if (r === resource) fail('validate/name-resource-mismatch', offset, name, found, expected);
  }
  fail('validate/name-resource-unnamed', offset, name);
}
