/**
 * Phase 1 of lowering a host value: check its whole shape (TypeError with a
 * path) before anything is allocated or written. The reads it makes at the
 * top level (fields, lists, enum indices...) are memoized, so phase 2 reuses
 * them instead of reading the host value again.
 */
import type { ValType } from '../types/model.js';
import type { Path, Var } from './instructions.js';
import type { PlanBuilder } from './plan-builder.js';
import { fieldTypes, mapEntryType, variantCases } from './layout.js';
import { isHandle, isTaggedOption, isTypedList, numericKind } from './host-shape.js';
import { lowerCasesFlat, lowerFlat } from './plan-lower.js';

export function planCheck(b: PlanBuilder, t: ValType, v: Var, path: Path): void {
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64': case 'string':
      b.emit({ op: 'check', src: v, check: { is: t.kind }, path });
      return;
    case 'char':
      b.read(`${v}`, 'char-code', (dst) => ({ op: 'char-code', dst, src: v, path }));
      return;
    case 'record': case 'tuple': {
      b.emit({
        op: 'check',
        src: v,
        check: t.kind === 'record' ? { is: 'record' } : { is: 'tuple', length: t.types.length },
        path,
      });
      fieldTypes(t)!.forEach((ft, i) => {
        const f = readField(b, t, v, i);
        const part = t.kind === 'record' ? { field: t.fields[i]!.name } : { index: i, dynamic: false };
        planCheck(b, ft, f, [...path, part]);
      });
      return;
    }
    case 'flags':
      b.read(`${v}`, 'flags-bits', (dst) => ({ op: 'flags-bits', dst, src: v, type: t, path }));
      return;
    case 'enum':
      b.read(`${v}`, 'enum-index', (dst) => ({ op: 'enum-index', dst, src: v, type: t, path }));
      return;
    case 'variant': case 'option': case 'result': {
      const inner: Path = t.kind === 'option' && !isTaggedOption(t) ? path : [...path, { payload: true }];
      const cases = variantCases(t)!.map((c, i) => {
        const payload = c.type ? b.newVar() : null;
        return b.caseBlock(i, payload, () => {
          if (c.type) planCheck(b, c.type, payload!, inner);
          return [];
        });
      });
      b.emit({ op: 'match', src: v, type: t, path, cases, dsts: [] });
      return;
    }
    case 'list':
      if (isTypedList(t)) {
        b.emit({ op: 'check', src: v, check: { is: 'numbers', elem: numericKind(t.element)! }, path });
        return;
      }
      checkElements(b, t, t.element, v, path);
      return;
    case 'map':
      checkElements(b, t, mapEntryType(t), v, path);
      return;
    default:
      if (isHandle(t)) b.emit({ op: 'check', src: v, check: { is: 'handle', type: t }, path });
      return;
  }
}

/**
 * A value whose flat lowering is pure: no allocation, no handle moved, only
 * host reads and arithmetic (scalars, chars, flags, enums, and records,
 * tuples and cases of such values).
 */
export function lowersPurely(t: ValType): boolean {
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64': case 'char': case 'flags': case 'enum':
      return true;
    case 'record': case 'tuple':
      return fieldTypes(t)!.every(lowersPurely);
    case 'variant': case 'option': case 'result':
      return variantCases(t)!.every((c) => c.type === null || lowersPurely(c.type));
    default:
      return false;
  }
}

/**
 * Phase 1 and the flat lowering in one pass, for a value that `lowersPurely`:
 * the lowering touches no memory, so it may run as the value is checked (a
 * case is matched once, its payload read once).
 */
export function planCheckLowerFlat(b: PlanBuilder, t: ValType, v: Var, path: Path): Var[] {
  switch (t.kind) {
    case 'record': case 'tuple':
      b.emit({
        op: 'check',
        src: v,
        check: t.kind === 'record' ? { is: 'record' } : { is: 'tuple', length: t.types.length },
        path,
      });
      return fieldTypes(t)!.flatMap((ft, i) => {
        const part = t.kind === 'record' ? { field: t.fields[i]!.name } : { index: i, dynamic: false };
        return planCheckLowerFlat(b, ft, readField(b, t, v, i), [...path, part]);
      });
    case 'variant': case 'option': case 'result': {
      const inner: Path = t.kind === 'option' && !isTaggedOption(t) ? path : [...path, { payload: true }];
      return lowerCasesFlat(b, t, { host: v }, (c, payload) => planCheckLowerFlat(b, c, payload, inner), path);
    }
    case 'char':
      return [b.read(`${v}`, 'char-code', (dst) => ({ op: 'char-code', dst, src: v, path }))];
    case 'flags':
      return [b.read(`${v}`, 'flags-bits', (dst) => ({ op: 'flags-bits', dst, src: v, type: t, path }))];
    case 'enum':
      return [b.read(`${v}`, 'enum-index', (dst) => ({ op: 'enum-index', dst, src: v, type: t, path }))];
    default:
      planCheck(b, t, v, path);
      return lowerFlat(b, t, v);
  }
}

function checkElements(b: PlanBuilder, t: ValType & { kind: 'list' | 'map' }, elem: ValType, v: Var, path: Path): void {
  const arr = hostList(b, t, v, path);
  const len = listLength(b, t, arr);
  const index = b.newVar();
  const { body } = b.nested(() => {
    const e = b.def((dst) => ({ op: 'item', dst, src: arr, index }));
    planCheck(b, elem, e, [...path, { index, dynamic: true }]);
    return [];
  }, true);
  b.emit({ op: 'loop', count: len, index, body });
}

/** A record field or tuple element of a host value. */
export function readField(b: PlanBuilder, t: ValType, v: Var, index: number): Var {
  return b.read(`${v}.${index}`, 'field', (dst) => ({ op: 'field', dst, src: v, type: t, index }));
}

/** The host list (or map entries) as an indexable list; checked when `path` is given. */
export function hostList(b: PlanBuilder, t: ValType & { kind: 'list' | 'map' }, v: Var, path: Path | null): Var {
  return b.read(`${v}`, 'host-list', (dst) => ({ op: 'host-list', dst, src: v, type: t, path }));
}

/** Length of a host list: a constant for fixed lists. */
export function listLength(b: PlanBuilder, t: ValType, arr: Var): Var {
  if (t.kind === 'list' && t.length !== undefined) return b.constant(t.length);
  return b.read(`${arr}`, 'length', (dst) => ({ op: 'length', dst, src: arr }));
}
