/**
 * What the resources emitter keeps while the module emitter walks the plan:
 * the resource steps by id, the JS class of each component-defined resource
 * type (declared where its type is, filled in at the end with the members
 * the root exports give it), and which of them the output needs.
 */
import type * as E from 'estree';
import type { FuncItem, Item, LinkPlan, Step } from '../../link/plan.js';
import { toLowerCamel as toLowerCamelLabel, toUpperCamel } from '../../types/names.js';

export type ResourceStep = Extract<Step, { kind: 'resource' }>;

/** A function export that is a member of a resource class: `[constructor]r`, `[method]r.f`, `[static]r.f`. */
export interface ClassMember {
  kind: 'constructor' | 'method' | 'static';
  /** the member's JS name (lowerCamelCase label; `constructor` for the constructor) */
  name: string;
  func: FuncItem;
  /** the export name, for the emitted function's name */
  exportName: string;
}

export interface ResourceClass {
  /** the JS class name: the name the root exports the type under, else the name its component gave it */
  name: string;
  /** the local holding the class, once declared */
  ident: string | undefined;
  /** where in `instantiate` the declaration goes (right after the type), filled when the class is needed */
  slot: E.EmptyStatement;
  built: boolean;
  members: ClassMember[];
}

export interface ResourceState {
  steps: Map<number, ResourceStep>;
  /** by resource step id; created at the resource step */
  classes: Map<number, ResourceClass>;
  /** by resource step id: the export name and members the root's exports give a class */
  exported: Map<number, { name: string; members: ClassMember[] }>;
}

export function createResourceState(plan: LinkPlan): ResourceState {
  const steps = new Map<number, ResourceStep>();
  for (const s of plan.steps) if (s.kind === 'resource') steps.set(s.id, s);
  const exported = new Map<number, { name: string; members: ClassMember[] }>();
  collectExported(plan.exports, exported);
  return { steps, classes: new Map(), exported };
}

const ANNOTATED = /^\[(constructor|method|static)\]([^.]+)(?:\.(.+))?$/;

/** `[method]r.do-x` → { kind: 'method', resource: 'r', label: 'do-x' } */
export function parseAnnotated(name: string): { kind: ClassMember['kind']; resource: string; label: string | undefined } | null {
  const m = ANNOTATED.exec(name);
  return m ? { kind: m[1] as ClassMember['kind'], resource: m[2]!, label: m[3] } : null;
}

/** The resource id a scope's type export named `label` is, if it is a component-defined resource. */
export function resourceIdIn(exports: Map<string, Item>, label: string): number | undefined {
  const item = exports.get(label);
  return item?.sort === 'type' && item.type.kind === 'resource' ? item.type.id : undefined;
}

/** Walks the root's exports (and exported instances): class names and members by resource id. */
function collectExported(exports: Map<string, Item>, out: Map<number, { name: string; members: ClassMember[] }>): void {
  for (const [name, item] of exports) {
    if (item.sort === 'type' && item.type.kind === 'resource' && !out.has(item.type.id)) {
      out.set(item.type.id, { name: toUpperCamel(name), members: [] });
    }
  }
  for (const [name, item] of exports) {
    if (item.sort === 'instance' && item.instance.kind === 'bag') collectExported(item.instance.exports, out);
    if (item.sort !== 'func') continue;
    const a = parseAnnotated(name);
    if (!a) continue;
    const id = resourceIdIn(exports, a.resource);
    if (id === undefined) continue;
    const memberName = a.kind === 'constructor' ? 'constructor' : toLowerCamelLabel(a.label!);
    const entry = out.get(id)!;
    if (entry.members.some((m) => m.kind === a.kind && m.name === memberName)) continue;
    entry.members.push({ kind: a.kind, name: memberName, func: item.func, exportName: name });
  }
}
