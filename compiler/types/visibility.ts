/**
 * External visibility (Explainer "External Visibility of Types"): every
 * resource, record, variant, enum and flags type used by the type of an
 * import must itself have been imported, and by an export, imported or
 * exported, under its own import/export (see tokens.ts for what "itself"
 * means). Checking an import or export also registers the names it
 * introduces. Instance types defer the check until an instance of them is
 * imported or exported.
 */
import { fail } from '../errors/index.js';
import { isResource } from './kinds.js';
import type { ExternType, FuncType, InstanceType, TypeDefinition, ValType } from './model.js';
import type { Scope } from './scope.js';
import { handleToken, tokenOf } from './tokens.js';
import { children } from './walk.js';

type Names = ReadonlySet<object>;

/** Whether a use of `t` (a field, parameter...) only reaches named types. */
function named(t: ValType, names: Names): boolean {
  switch (t.kind) {
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags':
      return names.has(t);
    case 'own':
    case 'borrow': {
      const token = handleToken(t);
      return token !== undefined && names.has(token);
    }
    default:
      return children(t).every((c) => named(c, names));
  }
}

/** Whether the type a type import/export names is itself made of named types. */
function contentsNamed(t: TypeDefinition, names: Names): boolean {
  switch (t.kind) {
    case 'resource':
    case 'component':
      return true;
    case 'func':
      return funcNamed(t, names);
    case 'instance':
      return instanceNamed(t, new Set(names));
    case 'own':
    case 'borrow':
      return named(t, names);
    default:
      return children(t).every((c) => named(c, names));
  }
}

function funcNamed(f: FuncType, names: Names): boolean {
  return f.params.every((p) => named(p.type, names)) && (!f.result || named(f.result, names));
}

/** An instance type as a type: its own type exports name what follows them. */
function instanceNamed(t: InstanceType, names: Set<object>): boolean {
  for (const et of t.exports.values()) {
    if (!externNamed(et, names)) return false;
    if (et.kind === 'type') names.add(isResource(et.type) ? tokenOf(et) : et.type);
  }
  return true;
}

function externNamed(et: ExternType, names: Set<object>): boolean {
  switch (et.kind) {
    case 'type':
      return contentsNamed(et.type, names);
    case 'func':
      return funcNamed(et.type, names);
    case 'value':
      return named(et.type, names);
    case 'instance':
      return instanceNamed(et.type, names);
    default:
      return true;
  }
}

/**
 * Checks an import or export of `scope` and registers what it names;
 * fails with `validate/not-visible`.
 */
export function checkVisible(scope: Scope, et: ExternType, dir: 'import' | 'export', offset: number): void {
  if (scope.kind === 'instance-type') return;
  if (!register(scope, et, dir)) fail('validate/not-visible', offset, et.kind, dir);
}

function register(scope: Scope, et: ExternType, dir: 'import' | 'export'): boolean {
  const names = dir === 'import' ? scope.importVisible : scope.exportVisible;
  switch (et.kind) {
    case 'type': {
      if (!contentsNamed(et.type, names)) return false;
      const name = isResource(et.type) ? tokenOf(et) : et.type;
      // Imported names may be used by imports and exports alike.
      if (dir === 'import') scope.importVisible.add(name);
      scope.exportVisible.add(name);
      return true;
    }
    case 'instance':
      for (const e of et.type.exports.values()) if (!register(scope, e, dir)) return false;
      return true;
    case 'func':
      return funcNamed(et.type, names);
    case 'value':
      return named(et.type, names);
    default:
      return true;
  }
}
