/** Structural walks over resolved types. */
import type { ComponentType, ExternType, FuncType, InstanceType, Resource, TypeDefinition, ValType } from './model.js';

/** The value types directly inside `t`. */
export function children(t: ValType): ValType[] {
  switch (t.kind) {
    case 'record':
      return t.fields.map((f) => f.type);
    case 'variant':
      return t.cases.flatMap((c) => (c.type ? [c.type] : []));
    case 'list':
      return [t.element];
    case 'tuple':
      return t.types;
    case 'option':
      return [t.type];
    case 'result':
      return [t.ok, t.err].filter((x): x is ValType => x !== null);
    case 'stream':
    case 'future':
      return t.element ? [t.element] : [];
    case 'map':
      return [t.key, t.value];
    default:
      return [];
  }
}

export function containsBorrow(t: ValType): boolean {
  return t.kind === 'borrow' || children(t).some(containsBorrow);
}

/**
 * Whether lifting or lowering `t` goes through memory because it holds a
 * string or a variable-length list (Canonical ABI `lift(T)`/`lower(T)` needs).
 */
export function containsPtr(t: ValType): boolean {
  switch (t.kind) {
    case 'string':
    case 'map':
      return true;
    case 'list':
      return t.length === undefined || containsPtr(t.element);
    case 'stream':
    case 'future':
      return false;
    default:
      return children(t).some(containsPtr);
  }
}

/** Adds every resource `t` refers to (through own/borrow) to `out`. */
export function valResources(t: ValType, out: Set<Resource>): void {
  if (t.kind === 'own' || t.kind === 'borrow') out.add(t.resource);
  else for (const c of children(t)) valResources(c, out);
}

export function funcResources(f: FuncType, out: Set<Resource>): void {
  for (const p of f.params) valResources(p.type, out);
  if (f.result) valResources(f.result, out);
}

/**
 * The free resources of a type: those it refers to that it does not bind
 * itself (`(sub resource)` imports/exports of component and instance types).
 */
export function freeResources(t: TypeDefinition, out: Set<Resource>): void {
  switch (t.kind) {
    case 'resource':
      out.add(t);
      return;
    case 'func':
      funcResources(t, out);
      return;
    case 'component':
      componentFree(t, out);
      return;
    case 'instance':
      instanceFree(t, out);
      return;
    default:
      valResources(t, out);
  }
}

export function externResources(et: ExternType, out: Set<Resource>): void {
  if (et.kind === 'module') return;
  freeResources(et.type, out);
}

function instanceFree(t: InstanceType, out: Set<Resource>): void {
  const inner = new Set<Resource>();
  for (const et of t.exports.values()) externResources(et, inner);
  for (const r of t.exportedResources) inner.delete(r);
  for (const r of inner) out.add(r);
}

function componentFree(t: ComponentType, out: Set<Resource>): void {
  const inner = new Set<Resource>();
  for (const et of t.imports.values()) externResources(et, inner);
  for (const et of t.exports.values()) externResources(et, inner);
  for (const r of t.importedResources) inner.delete(r);
  for (const r of t.exportedResources) inner.delete(r);
  for (const r of inner) out.add(r);
}
