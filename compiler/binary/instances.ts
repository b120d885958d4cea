/** Core instance and (component) instance definitions (Binary.md, Instance Definitions). */
import type { CoreInstanceDef, InstanceDef } from './ast.js';
import { CORE_SORT_BYTE, INSTANCE_EXPR } from './opcodes.js';
import { readExternName } from './names.js';
import type { Reader } from './reader.js';
import { readCoreSort, readSortIdx } from './sorts.js';

/** core:instantiatearg ::= name 0x12 instanceidx */
function readCoreInstantiateArg(r: Reader): { offset: number; name: string; instance: number } {
  const offset = r.offset;
  const name = r.name('instantiation arg name');
  r.expectByte(CORE_SORT_BYTE.instance, 'instantiation arg kind (must be 0x12, instance)');
  return { offset, name, instance: r.u32('core instance index') };
}

/** core:inlineexport ::= name core:sortidx */
function readCoreInlineExport(r: Reader): { offset: number; name: string; sort: ReturnType<typeof readCoreSort>; index: number } {
  const offset = r.offset;
  const name = r.name('export name');
  const sort = readCoreSort(r);
  return { offset, name, sort, index: r.u32('core sort index') };
}

/** core:instance ::= 0x00 moduleidx vec(core:instantiatearg) | 0x01 vec(core:inlineexport) */
export function readCoreInstance(r: Reader): CoreInstanceDef {
  const offset = r.offset;
  const byte = r.u8('core instance');
  if (byte === INSTANCE_EXPR.instantiate) {
    const module = r.u32('core module index');
    return { kind: 'core-instance', offset, expr: { kind: 'instantiate', module, args: r.vec('instantiation args', readCoreInstantiateArg) } };
  }
  if (byte === INSTANCE_EXPR.exports) {
    return { kind: 'core-instance', offset, expr: { kind: 'exports', exports: r.vec('inline exports', readCoreInlineExport) } };
  }
  return r.invalidLeadingByte(byte, 'core instance');
}

/** instantiatearg ::= name sortidx */
function readInstantiateArg(r: Reader): { offset: number; name: string; sort: ReturnType<typeof readSortIdx>['sort']; index: number } {
  const offset = r.offset;
  const name = r.name('instantiation arg name');
  return { offset, name, ...readSortIdx(r) };
}

/** inlineexport ::= nameattributes sortidx */
function readInlineExport(r: Reader): Extract<InstanceDef['expr'], { kind: 'exports' }>['exports'][number] {
  const offset = r.offset;
  const name = readExternName(r);
  return { offset, name, ...readSortIdx(r) };
}

/** instance ::= 0x00 componentidx vec(instantiatearg) | 0x01 vec(inlineexport) */
export function readInstance(r: Reader): InstanceDef {
  const offset = r.offset;
  const byte = r.u8('instance');
  if (byte === INSTANCE_EXPR.instantiate) {
    const component = r.u32('component index');
    return { kind: 'instance', offset, expr: { kind: 'instantiate', component, args: r.vec('instantiation args', readInstantiateArg) } };
  }
  if (byte === INSTANCE_EXPR.exports) {
    return { kind: 'instance', offset, expr: { kind: 'exports', exports: r.vec('inline exports', readInlineExport) } };
  }
  return r.invalidLeadingByte(byte, 'instance');
}
