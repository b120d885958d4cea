/**
 * The replica plan of a store (runtime/threads/plan.ts): every core
 * instantiation of the link plan, as a worker repeats it, with each import
 * either another replica's export, a 🧵② built-in with `shared` (what a
 * shared thread may call), or a trap (anything not shared). Also which core
 * modules define shared memories: a worker gets them with those memories
 * turned into imports (memory-import.ts), fed from the main thread's
 * instance exports.
 */
import type { CoreModule } from '../../binary/ast.js';
import { fail } from '../../errors/index.js';
import type { CoreItem, LinkPlan, Step } from '../../link/plan.js';
import type { ReplicaInstance, ReplicaItem } from '../../../runtime/threads/plan.js';

export interface ReplicaPlan {
  instances: ReplicaInstance[];
  /** memory slot → [core instance, export name] */
  memories: [number, string][];
  /** module index → index of its first defined memory, for the modules a worker gets patched */
  patched: Map<number, number>;
  /** the component instances that spawn shared threads */
  components: number[];
}

type BuiltinStep = Extract<Step, { kind: 'builtin' }>;

/** A shared spawn's context parameter type (from its `ft`), by canon id. */
export type ParamOf = (step: BuiltinStep) => 'i32' | 'i64';

const importedMemories = (m: CoreModule) => m.imports.filter((i) => i.desc.kind === 'memory').length;

export function replicaPlan(plan: LinkPlan, paramOf: ParamOf): ReplicaPlan {
  const canons = new Map<number, Step>();
  for (const s of plan.steps) if (s.kind === 'builtin' || s.kind === 'lower') canons.set(s.id, s);
  const components = new Set<number>();
  const item = (it: CoreItem): ReplicaItem => {
    if (it.kind === 'export') return { kind: 'export', instance: it.instance, name: it.name };
    const s = canons.get(it.id)!;
    if (s.kind !== 'builtin') return { kind: 'unshared', what: 'canon lower' };
    const c = s.canon;
    if (!c.shared) return { kind: 'unshared', what: `canon ${c.name}` };
    if (c.name === 'thread.available-parallelism') return { kind: 'parallelism' };
    if (c.name === 'thread.spawn-ref') {
      components.add(s.component);
      return { kind: 'spawn-ref', component: s.component, param: paramOf(s) };
    }
    if (c.name === 'thread.spawn-indirect' && s.table?.kind === 'export') {
      components.add(s.component);
      return { kind: 'spawn-indirect', component: s.component, instance: s.table.instance, name: s.table.name, param: paramOf(s) };
    }
    return { kind: 'unshared', what: `canon ${c.name}` };
  };

  const instances: ReplicaInstance[] = [];
  const memories: [number, string][] = [];
  const patched = new Map<number, number>();
  for (const s of plan.steps) {
    if (s.kind === 'builtin' && s.canon.shared && s.canon.name.startsWith('thread.spawn')) components.add(s.component);
    if (s.kind !== 'core-instantiate') continue;
    if (s.instance !== instances.length) throw new Error(`canonjs internal error: core instance ${s.instance} out of order`);
    const m = plan.modules[s.module]!;
    const own: ReplicaInstance['memories'] = [];
    if (m.memories.some((x) => x.shared)) {
      if (!m.memories.every((x) => x.shared)) {
        fail('compile/unsupported', m.offset, 'shared threads with a core module that defines both shared and non-shared memories');
      }
      const first = importedMemories(m);
      patched.set(s.module, first);
      m.memories.forEach((_, d) => {
        const index = first + d;
        const exported = m.exports.find((e) => e.sort === 'memory' && e.index === index);
        if (!exported) fail('compile/unsupported', m.offset, `shared threads with a core module whose shared memory ${index} is not exported (a worker could not share it)`);
        own.push({ name: String(index), slot: memories.length });
        memories.push([s.instance, exported.name]);
      });
    }
    instances.push({
      module: s.module,
      args: s.args.map(({ name, arg }) =>
        arg.kind === 'instance' ? { name, instance: arg.instance } : { name, items: arg.exports.map(([n, it]) => [n, item(it)] as [string, ReplicaItem]) },
      ),
      memories: own,
    });
  }
  return { instances, memories, patched, components: [...components].sort((a, b) => a - b) };
}
