/**
 * 🪙 Values in `instantiate` (Explainer "Value Definitions"): each value of
 * the link plan is one `const` declared by the step that makes it — a value
 * import (the host's JS value, checked), a value definition (a literal) or a
 * start function's result (start.ts) — and read where it is used: an
 * export, a start argument. Nested instantiations pass the same const along.
 */
import type { Step } from '../../link/plan.js';
import { jsName } from '../../types/names.js';
import * as b from '../builders.js';
import type { EmitState } from '../module/state.js';
import type { Lifts } from '../module/steps.js';
import { valueLiteral } from './literal.js';
import { valueShape } from './shape.js';
import { emitStart } from './start.js';

export { startEpilogue } from './start.js';
import { declareValue } from './refs.js';

export { valueRef } from './refs.js';

type ValueStep = Extract<Step, { kind: 'value-import' | 'value-def' | 'start' }>;

export function emitValueStep(st: EmitState, lifts: Lifts, step: ValueStep): void {
  switch (step.kind) {
    case 'value-import': {
      st.runtime.add('valueImport');
      const keys = b.array(step.path.map((k) => b.lit(jsName(k))));
      const init = b.call('valueImport', b.id('imports'), keys, b.lit(step.path.join('#')), valueShape(step.value.type, step.offset));
      declareValue(st, step.value, `${jsName(step.path[step.path.length - 1]!).replace(/[^\w$]/g, '_')}Value`, init);
      return;
    }
    case 'value-def':
      declareValue(st, step.value, 'value', valueLiteral(step.decoded, step.value.type));
      return;
    case 'start':
      emitStart(st, lifts, step);
      return;
  }
}
