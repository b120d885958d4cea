/**
 * Which parts of a link plan go through the async runtime (runtime/async):
 * lifts and lowers with the `async` canonopt or an async-typed function, and
 * every function of a component instance that uses the task built-ins
 * (its sync lifts run as tasks too, so `task.return`, waits and the
 * scheduler see them).
 */
import type { Canon } from '../../binary/ast.js';
import { CANON_BY_NAME } from '../../binary/opcodes.js';
import type { LinkPlan, Step } from '../../link/plan.js';
import type { CanonInfo, ComponentInfo } from '../../types/validate.js';
import type { Resource, ValType } from '../../types/model.js';
import { resolveResource, type ResourceMap } from '../../link/resources.js';
import type { EmitState } from '../module/state.js';
import { namedAsyncImport, planSuspension } from './suspend.js';

type LiftStep = Extract<Step, { kind: 'lift' }>;

const ASYNC_FEATURES = new Set(['async', 'error-context', 'coop-threads', 'stackful', 'async-builtins']);

/** Is this built-in one of the async family (tasks, waitables, streams, futures, error-context, threads)? */
export function isAsyncBuiltinName(name: string): boolean {
  const spec = CANON_BY_NAME.get(name);
  return spec !== undefined && ASYNC_FEATURES.has(spec.feature);
}

const taskUsers = new WeakMap<LinkPlan, Set<number>>();
const asyncImportLists = new WeakMap<LinkPlan, readonly string[]>();

/** The `asyncImports` compile option for a plan (sync-typed host imports that may return a Promise); set before any other query. */
export function setAsyncImports(plan: LinkPlan, names: readonly string[]): void {
  asyncImportLists.set(plan, names);
}

/** The plan's `asyncImports` option. */
export const asyncImportsOf = (plan: LinkPlan): readonly string[] => asyncImportLists.get(plan) ?? [];

/** A lower of a host import the `asyncImports` option names: it may return a Promise. */
function isNamedAsyncLower(plan: LinkPlan, s: Step): boolean {
  return s.kind === 'lower' && s.callee.kind === 'host' && namedAsyncImport(asyncImportsOf(plan), s.callee.path);
}

/** The component instances whose core code uses async built-ins or async lowers/lifts. */
function taskComponents(plan: LinkPlan): Set<number> {
  let set = taskUsers.get(plan);
  if (set) return set;
  set = new Set();
  for (const s of plan.steps) {
    if (s.kind === 'builtin' && (isAsyncBuiltinName(s.canon.name) || isCoopBuiltin(s))) set.add(s.component);
    if ((s.kind === 'lift' || s.kind === 'lower') && (s.opts.async || s.type.async)) set.add(s.component);
    if (s.kind === 'lower' && isNamedAsyncLower(plan, s)) set.add(s.component);
  }
  // a synchronous call of a lift whose core code can suspend may have to wait (stack switching),
  // which needs a current task in the caller too: up to a fixed point
  const suspendable = planSuspension(plan, asyncImportsOf(plan)).instances;
  const lifts = new Map(plan.steps.flatMap((s) => (s.kind === 'lift' ? [[s.id, s] as const] : [])));
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of plan.steps) {
      if (s.kind !== 'lower' || set.has(s.component) || s.callee.kind !== 'lifted') continue;
      const lift = lifts.get(s.callee.id);
      if (lift && set.has(lift.component) && lift.core.kind === 'export' && suspendable.has(lift.core.instance)) {
        set.add(s.component);
        grew = true;
      }
    }
  }
  taskUsers.set(plan, set);
  return set;
}

/** A cooperative-thread built-in (🧵), or a spawn without `shared` (a cooperative thread too). */
const isCoopBuiltin = (s: Step): boolean =>
  s.kind === 'builtin' && (CANON_BY_NAME.get(s.canon.name)?.feature === 'coop-threads' || (s.canon.name.startsWith('thread.spawn-') && !s.canon.shared));

/** The component instances that keep a thread table (runtime `coopEnable`): those defining cooperative-thread built-ins. */
export function coopComponents(plan: LinkPlan): Set<number> {
  return new Set(plan.steps.filter(isCoopBuiltin).map((s) => (s as Extract<Step, { kind: 'builtin' }>).component));
}

/** Does the plan use the async runtime at all (so instances are run-time objects)? */
export const planUsesAsync = (plan: LinkPlan): boolean => taskComponents(plan).size > 0;

/**
 * The component instance whose implicit synchronous task a core instance's
 * start function runs as (runtime `startTask`), or null: only when the
 * module has a start function and imports a canon function of a component
 * instance that uses tasks (otherwise its start code cannot tell).
 */
export function startTaskComponent(st: EmitState, step: Extract<Step, { kind: 'core-instantiate' }>): number | null {
  if (st.plan.modules[step.module]!.start === undefined) return null;
  const users = taskComponents(st.plan);
  for (const { arg } of step.args) {
    if (arg.kind !== 'bag') continue;
    for (const [, item] of arg.exports) {
      if (item.kind !== 'canon') continue;
      const canon = st.plan.steps.find((s) => (s.kind === 'builtin' || s.kind === 'lower') && s.id === item.id);
      if (canon && (canon.kind === 'builtin' || canon.kind === 'lower') && users.has(canon.component)) return canon.component;
    }
  }
  return null;
}

/** Does a lift run as a task (LiftedFunc)? */
export function liftNeedsTasks(st: EmitState, step: LiftStep): boolean {
  return step.opts.async || step.type.async || taskComponents(st.plan).has(step.component);
}

/** Does a lower go through a subtask (LoweredFunc)? */
export function lowerNeedsTasks(st: EmitState, step: Extract<Step, { kind: 'lower' }>, callee: LiftStep | undefined): boolean {
  if (step.opts.async || step.type.async || isNamedAsyncLower(st.plan, step)) return true;
  if (callee) return liftNeedsTasks(st, callee) || taskComponents(st.plan).has(step.component);
  return false;
}

const canonMaps = new WeakMap<ComponentInfo, Map<Canon, CanonInfo>>();

/** What validation learnt about a canon definition anywhere in the component tree. */
export function canonInfo(st: EmitState, canon: Canon): CanonInfo | undefined {
  let map = canonMaps.get(st.info);
  if (!map) {
    map = new Map();
    const walk = (info: ComponentInfo) => {
      for (const [c, i] of info.canons) map!.set(c, i);
      for (const n of info.nested.values()) walk(n);
    };
    walk(st.info);
    canonMaps.set(st.info, map);
  }
  return map.get(canon);
}

/**
 * A structural key of a value type. Resource types are keyed by what they
 * are at run time (the defining resource step, or the host import) when the
 * component's resource map knows them, so a stream<own<R>> type is the same
 * in the component defining R and in one importing it.
 */
export function typeKey(t: ValType | null, map?: ResourceMap): string {
  if (t === null) return 'none';
  return JSON.stringify(t, (k, v) => {
    if (k === 'name') return undefined;
    if (k === 'resource' && v !== null && typeof v === 'object') {
      const item = map ? resolveResource(map, v as Resource) : undefined;
      if (item?.kind === 'resource') return `step${item.id}`;
      if (item?.kind === 'host-resource') return `host:${item.path.join('#')}`;
      return `#${resourceId(v)}`;
    }
    return v;
  });
}

/** The resource map of a component instance (shared by all its lift and lower steps), if it has any. */
export function componentResources(st: EmitState, component: number): ResourceMap | undefined {
  for (const s of st.plan.steps) if ((s.kind === 'lift' || s.kind === 'lower') && s.component === component) return s.resources;
  return undefined;
}

const resourceIds = new WeakMap<object, number>();
let nextResourceId = 0;
function resourceId(r: object): number {
  let id = resourceIds.get(r);
  if (id === undefined) resourceIds.set(r, (id = nextResourceId++));
  return id;
}
