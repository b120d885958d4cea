/**
 * A post-order rewriter over binaryen.js function bodies, for the memory
 * lowerings (memory64.ts, page-size.ts): binaryen.js has per-class child
 * getters and setters (`binaryen.Load.getPtr`/`setPtr`, …) but no generic
 * walker, so this table names the children of every expression class a
 * module read with the lowerings' feature set can hold (MVP, bulk memory,
 * SIMD, reference types, multi-value, memory64). A class outside it (a
 * feature the lowerings do not read) fails clearly instead of being skipped.
 */
import { fail } from '../errors/index.js';

type Binaryen = typeof import('binaryen').default;
type Module = InstanceType<Binaryen['Module']>;
export type ExprRef = number;

/** Child slots per expression class: `Name` (getName/setName) or `*Item` (getNumItems/getItemAt/setItemAt; Block's are Children). */
const CHILDREN: Record<string, readonly string[]> = {
  Block: ['*Child'],
  If: ['Condition', 'IfTrue', 'IfFalse'],
  Loop: ['Body'],
  Break: ['Condition', 'Value'],
  Switch: ['Condition', 'Value'],
  Call: ['*Operand'],
  CallIndirect: ['Target', '*Operand'],
  LocalGet: [],
  LocalSet: ['Value'],
  GlobalGet: [],
  GlobalSet: ['Value'],
  Load: ['Ptr'],
  Store: ['Ptr', 'Value'],
  Const: [],
  Unary: ['Value'],
  Binary: ['Left', 'Right'],
  Select: ['IfTrue', 'IfFalse', 'Condition'],
  Drop: ['Value'],
  Return: ['Value'],
  MemorySize: [],
  MemoryGrow: ['Delta'],
  Nop: [],
  Unreachable: [],
  SIMDExtract: ['Vec'],
  SIMDReplace: ['Vec', 'Value'],
  SIMDShuffle: ['Left', 'Right'],
  SIMDTernary: ['A', 'B', 'C'],
  SIMDShift: ['Vec', 'Shift'],
  SIMDLoad: ['Ptr'],
  SIMDLoadStoreLane: ['Ptr', 'Vec'],
  MemoryInit: ['Dest', 'Offset', 'Size'],
  DataDrop: [],
  MemoryCopy: ['Dest', 'Source', 'Size'],
  MemoryFill: ['Dest', 'Value', 'Size'],
  RefNull: [],
  RefIsNull: ['Value'],
  RefFunc: [],
  RefEq: ['Left', 'Right'],
  TableGet: ['Index'],
  TableSet: ['Index', 'Value'],
  TableSize: [],
  TableGrow: ['Value', 'Delta'],
  TupleMake: ['*Operand'],
  TupleExtract: ['Tuple'],
};

/** The getters and setters of an expression class (`binaryen.Load`, …; untyped in binaryen's index.d.ts). */
export type Accessors = Record<string, (...args: number[]) => number>;

export function accessors(binaryen: Binaryen, cls: string): Accessors {
  return (binaryen as unknown as Record<string, Accessors>)[cls]!;
}

/** expression id → [class name, its accessors] */
function classesById(binaryen: Binaryen): Map<number, [string, Accessors]> {
  const out = new Map<number, [string, Accessors]>();
  const ids = binaryen as unknown as Record<string, number>;
  for (const name of Object.keys(CHILDREN)) out.set(ids[`${name}Id`]!, [name, accessors(binaryen, name)]);
  return out;
}

/**
 * Rewrites every defined function's body bottom-up: `visit(expr, class, fn)`
 * returns a replacement for `expr` (its children already rewritten) or
 * undefined to keep it. `pass` names the transform in errors.
 */
export function rewriteBodies(
  binaryen: Binaryen,
  mod: Module,
  pass: string,
  visit: (expr: ExprRef, cls: string, fn: number) => ExprRef | undefined,
): void {
  const classes = classesById(binaryen);
  const walk = (expr: ExprRef, fn: number): ExprRef => {
    const id = binaryen.getExpressionId(expr);
    const hit = classes.get(id);
    if (!hit) return fail('compile/transform-failed', undefined, pass, `an instruction outside what the lowering reads (binaryen expression id ${id})`);
    const [cls, acc] = hit;
    for (const slot of CHILDREN[cls]!) {
      if (slot.startsWith('*')) {
        const item = slot.slice(1);
        const n = acc[`getNum${item === 'Child' ? 'Children' : `${item}s`}`]!(expr);
        for (let i = 0; i < n; i++) {
          const child = acc[`get${item}At`]!(expr, i);
          const next = walk(child, fn);
          if (next !== child) acc[`set${item}At`]!(expr, i, next);
        }
      } else {
        const child = acc[`get${slot}`]!(expr);
        if (!child) continue; // an absent optional child (if without else, br without value)
        const next = walk(child, fn);
        if (next !== child) acc[`set${slot}`]!(expr, next);
      }
    }
    return visit(expr, cls, fn) ?? expr;
  };
  for (let i = 0, n = mod.getNumFunctions(); i < n; i++) {
    const fn = mod.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    if (info.module || !info.body) continue; // an import
    const body = walk(info.body, fn);
    if (body !== info.body) accessors(binaryen, 'Function').setBody!(fn, body);
  }
}

/** A fresh local of `type` in function `fn` (binaryen.js exposes the C call only). */
export function addLocal(binaryen: Binaryen, fn: number, type: number): number {
  return (binaryen as unknown as { _BinaryenFunctionAddVar(fn: number, type: number): number })._BinaryenFunctionAddVar(fn, type);
}

/** A per-function scratch local of `type`, added on first use. */
export function scratchLocals(binaryen: Binaryen): (fn: number, type: number) => number {
  const made = new Map<string, number>();
  return (fn, type) => {
    const key = `${fn}:${type}`;
    let index = made.get(key);
    if (index === undefined) made.set(key, (index = addLocal(binaryen, fn, type)));
    return index;
  };
}
