/** The object `instantiate` returns: the root's exports, keyed by their JS names (BRIEF §3). */
import type * as E from 'estree';
import type { Item } from '../../link/plan.js';
import { jsName } from '../../types/names.js';
import * as b from '../builders.js';
import { hostFunction, hostObject } from './items.js';
import { ancestors, type EmitState } from './state.js';
import { liftFunction, type Lifts } from './steps.js';

export function exportsObject(st: EmitState, lifts: Lifts, exports: Map<string, Item>): E.ObjectExpression {
  const props: [string, E.Expression][] = [];
  for (const [name, item] of exports) {
    const value = exportValue(st, lifts, name, item);
    if (value) props.push([jsName(name), value]);
  }
  return b.object(props);
}

function exportValue(st: EmitState, lifts: Lifts, name: string, item: Item): E.Expression | null {
  switch (item.sort) {
    case 'func': {
      const f = item.func;
      if (f.kind === 'host') return hostFunction(st, f.path);
      const step = lifts.byId.get(f.id)!;
      // called by the host: enters the lifting instance and all its ancestors
      return liftFunction(st, step, ancestors(st.plan, step.component), jsName(name).replace(/\W/g, '_'));
    }
    case 'instance': {
      const inst = item.instance;
      if (inst.kind === 'host') return hostObject(st, inst.path);
      return exportsObject(st, lifts, inst.exports);
    }
    default:
      // types (resource classes come with the resources issue), core modules, components, values
      return null;
  }
}
