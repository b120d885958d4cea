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
