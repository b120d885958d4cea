/**
 * Which Vars the emitter writes inline (as an expression at their single use)
 * instead of as a `const`. A Var is inlined when it is read once, directly
 * by an instruction of the same block, and moving its evaluation there
 * changes nothing: no instruction with effects (a call, a store, a check
 * that may throw) lies between. A call is only folded into the very next
 * `conv` or `return` (`return core(a0) >>> 0`).
 */
import type { Instr, Var } from '../../abi/instructions.js';
import { childBlocks, operandsOf } from '../../abi/instr-walk.js';

/** Ops that become one side-effect-free expression (reads of memory included). */
const PURE = new Set<Instr['op']>([
  'const', 'conv', 'addr', 'field', 'item', 'length', 'load', 'view', 'make-record', 'make-case', 'make-flags',
  'make-char', 'enum-name', 'lift-string', 'lift-numbers', 'new-list', 'host-list', 'char-code', 'enum-index', 'flags-bits',
  'check-disc', 'mask',
]);

/** Ops that emit no code at all. */
const SILENT = new Set<Instr['op']>(['arg', 'param', 'const']);

const withPath = (i: Instr): boolean => 'path' in i && i.path !== null;

/** A pure op whose value is an expression (host reads with a path are statements: they check). */
function isPureExpr(i: Instr): boolean {
  return PURE.has(i.op) && !withPath(i);
}

/** Operands read exactly once, where the instruction is: candidates for inlining. */
function directOperands(i: Instr): Var[] {
  switch (i.op) {
    case 'loop': case 'match': case 'check': case 'make-flags':
      return [];
    case 'conv':
      return i.conv === 'f32' || i.conv === 'f64' ? [] : [i.src];
    default:
      return withPath(i) ? [] : operandsOf(i);
  }
}

export function inlinedVars(
  body: readonly Instr[],
  uses: ReadonlyMap<Var, number>,
  isBarrier: (i: Instr) => boolean,
): Set<Var> {
  const out = new Set<Var>();
  analyse(body, [], uses, isBarrier, out);
  return out;
}

function analyse(
  block: readonly Instr[],
  yields: readonly Var[],
  uses: ReadonlyMap<Var, number>,
  isBarrier: (i: Instr) => boolean,
  out: Set<Var>,
): void {
  const defAt = new Map<Var, number>();
  // barriers[k] / emitting[k]: how many barriers / instructions that emit code are in block[0 .. k-1]
  const barriers = [0];
  const emitting = [0];
  block.forEach((ins, k) => {
    if ('dst' in ins && ins.dst !== null && ins.op !== 'call-host') defAt.set(ins.dst, k);
    const silent = SILENT.has(ins.op) || ((ins.op === 'enter' || ins.op === 'exit') && !isBarrier(ins));
    barriers.push(barriers[k]! + (!silent && !isPureExpr(ins) && isBarrier(ins) ? 1 : 0));
    emitting.push(emitting[k]! + (silent ? 0 : 1));
  });
  // Vars whose expression would contain the (inlined) core call: they move only to the next instruction
  const effectful = new Set<Var>();
  const consider = (v: Var, j: number, user: Instr | null) => {
    const k = defAt.get(v);
    if (k === undefined || uses.get(v) !== 1 || k >= j) return;
    const def = block[k]!;
    if (def.op === 'call-core' || effectful.has(v)) {
      const adjacent = emitting[j]! - emitting[k + 1]! === 0;
      if (adjacent && user && (user.op === 'conv' || user.op === 'return')) {
        out.add(v);
        if ('dst' in user && user.dst !== null) effectful.add(user.dst);
      }
      return;
    }
    if (!isPureExpr(def)) return;
    if (barriers[j]! - barriers[k + 1]! > 0) return;
    out.add(v);
  };
  block.forEach((ins, j) => {
    for (const v of directOperands(ins)) consider(v, j, ins);
    for (const c of childBlocks(ins)) analyse(c.body, c.yields, uses, isBarrier, out);
  });
  for (const v of yields) consider(v, block.length, null);
}
