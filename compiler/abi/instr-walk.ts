/** Generic traversal of plan instructions: operands, definitions, nested blocks. */
import type { CaseBlock, Instr, Path, Var } from './instructions.js';

const pathVars = (path: Path | null): Var[] =>
  (path ?? []).flatMap((p) => ('index' in p && p.dynamic ? [p.index] : []));

/** The Vars an instruction reads (not counting its nested blocks). */
export function operandsOf(i: Instr): Var[] {
  switch (i.op) {
    case 'arg': case 'param': case 'const': case 'enter': case 'exit': case 'view':
      return [];
    case 'call-core': case 'post-return': case 'call-host':
      return i.args;
    case 'return':
      return i.src === null ? [] : [i.src];
    case 'return-or-throw':
      return i.src === null ? [i.disc] : [i.disc, i.src];
    case 'load':
      return [i.view, i.ptr];
    case 'store':
      return [i.view, i.ptr, i.src];
    case 'alloc':
      return [i.size];
    case 'check-ptr':
      return [i.view, i.ptr];
    case 'check-list':
      return [i.view, i.ptr, i.len];
    case 'addr':
      return i.base === null ? [i.index] : [i.base, i.index];
    case 'conv': case 'length': case 'make-flags': case 'enum-name': case 'make-char':
    case 'lift-handle': case 'lower-handle': case 'lower-string': case 'lower-numbers': case 'field':
      return [i.src];
    case 'check':
      return [i.src, ...pathVars(i.path)];
    case 'lift-string': case 'lift-numbers': case 'copy-string': case 'copy-list':
      return [i.ptr, i.len];
    case 'check-disc': case 'mask': case 'move-handle':
      return [i.src];
    case 'item':
      return [i.src, i.index];
    case 'host-list': case 'char-code': case 'enum-index': case 'flags-bits':
      return [i.src, ...pathVars(i.path)];
    case 'match':
      return [i.src, ...pathVars(i.path)];
    case 'make-record':
      return i.fields;
    case 'make-case':
      return i.payload === null ? [] : [i.payload];
    case 'new-list':
      return [i.len];
    case 'list-set':
      return [i.list, i.index, i.src];
    case 'map-set':
      return [i.map, i.key, i.value];
    case 'switch':
      return [i.on];
    case 'loop':
      return [i.count];
  }
}

/** The Vars an instruction defines (for blocks: the join results; payloads and loop indices are defined by their blocks). */
export function definedBy(i: Instr): Var[] {
  switch (i.op) {
    case 'lower-string':
      return [i.ptr, i.len];
    case 'lower-numbers':
      return [i.ptr];
    case 'copy-string':
      return [i.outPtr, i.outLen];
    case 'call-host':
      return [...(i.dst === null ? [] : [i.dst]), ...(i.disc === undefined ? [] : [i.disc])];
    case 'match': case 'switch':
      return i.dsts;
    default:
      return 'dst' in i && i.dst !== null ? [i.dst] : [];
  }
}

/** Nested blocks of an instruction, each with what it yields. */
export function childBlocks(i: Instr): { body: Instr[]; yields: Var[]; case?: CaseBlock }[] {
  if (i.op === 'match' || i.op === 'switch') return i.cases.map((c) => ({ body: c.body, yields: c.yields, case: c }));
  if (i.op === 'loop') return [{ body: i.body, yields: [] }];
  return [];
}

/** Calls `visit` on every instruction, depth first, in program order. */
export function walk(body: readonly Instr[], visit: (i: Instr) => void): void {
  for (const i of body) {
    visit(i);
    for (const c of childBlocks(i)) walk(c.body, visit);
  }
}

/** How many times each Var is read (operands, yields, paths), over the whole plan. */
export function useCounts(body: readonly Instr[]): Map<Var, number> {
  const uses = new Map<Var, number>();
  const count = (v: Var) => uses.set(v, (uses.get(v) ?? 0) + 1);
  walk(body, (i) => {
    operandsOf(i).forEach(count);
    for (const c of childBlocks(i)) c.yields.forEach(count);
  });
  return uses;
}
