/**
 * What `inspect` shows of a core module: its size, imports, exports and
 * memories (address type, limits, shared, page size), read from the decoded
 * module (the decoder keeps the module's bytes and reads only its interface).
 */
import type { CoreExternType, CoreMemoryType, CoreModule, CoreRefType, CoreSubType, CoreValType, Limits } from '../binary/ast.js';

/** A number, or its decimal string when it does not fit a double exactly (memory64 limits). */
export type Count = number | string;

export interface MemoryInfo {
  index: number;
  /** `module.name` when the memory is imported */
  imported?: string;
  address: 'i32' | 'i64';
  min: Count;
  max?: Count;
  shared: boolean;
  /** page size in bytes (65536 unless a custom page size is given) */
  pageSize: number;
}

export interface CoreModuleInfo {
  size: number;
  name?: string;
  imports: { module: string; name: string; kind: CoreExternType['kind']; type: string }[];
  exports: { name: string; kind: string; index: number }[];
  memories: MemoryInfo[];
  /** defined (not imported) functions, tables, globals */
  funcs: number;
  tables: number;
  globals: number;
}

export function coreModuleInfo(m: CoreModule): CoreModuleInfo {
  const memories: MemoryInfo[] = [];
  for (const i of m.imports) {
    if (i.desc.kind === 'memory') memories.push(memoryInfo(memories.length, i.desc, `${i.module}.${i.name}`));
  }
  for (const mem of m.memories) memories.push(memoryInfo(memories.length, mem));
  return {
    size: m.bytes.length,
    ...(m.name === undefined ? {} : { name: m.name }),
    imports: m.imports.map((i) => ({ module: i.module, name: i.name, kind: i.desc.kind, type: coreExternText(i.desc, m.types) })),
    exports: m.exports.map((e) => ({ name: e.name, kind: e.sort, index: e.index })),
    memories,
    funcs: m.funcs.length,
    tables: m.tables.length,
    globals: m.globals.length,
  };
}

function memoryInfo(index: number, mem: CoreMemoryType, imported?: string): MemoryInfo {
  return {
    index,
    ...(imported === undefined ? {} : { imported }),
    address: mem.memory64 ? 'i64' : 'i32',
    min: count(mem.min),
    ...(mem.max === undefined ? {} : { max: count(mem.max) }),
    shared: mem.shared,
    pageSize: mem.pageSizeLog2 === undefined ? 65536 : 2 ** mem.pageSizeLog2,
  };
}

function count(n: number | bigint): Count {
  return typeof n === 'bigint' ? (BigInt(Number(n)) === n ? Number(n) : n.toString()) : n;
}

/** `memory i64 1..2 shared, 1-byte pages` */
export function memoryText(m: MemoryInfo): string {
  const limits = `${m.min}..${m.max ?? ''}`;
  const page = m.pageSize === 65536 ? '' : `, ${m.pageSize}-byte pages`;
  return `memory ${m.address} ${limits} pages${m.shared ? ' shared' : ''}${page}`;
}

function limitsText(l: Limits): string {
  return `${count(l.min)}..${l.max === undefined ? '' : count(l.max)}`;
}

export function coreExternText(d: CoreExternType, types: readonly CoreSubType[]): string {
  switch (d.kind) {
    case 'func':
      return `func ${coreFuncTypeText(d.type, types)}`;
    case 'tag':
      return `tag ${coreFuncTypeText(d.type, types)}`;
    case 'memory':
      return memoryText(memoryInfo(0, d));
    case 'table':
      return `table ${d.table64 ? 'i64 ' : ''}${limitsText(d)} ${refText(d.element)}${d.shared ? ' shared' : ''}`;
    case 'global':
      return `global ${d.mutable ? 'mut ' : ''}${valText(d.type)}`;
  }
}

/** `(i32, i32) -> (i32)` for a func type index, or `type N` when it is not a func type. */
export function coreFuncTypeText(index: number, types: readonly CoreSubType[]): string {
  const t = types[index];
  if (t === undefined || t.composite.kind !== 'func') return `type ${index}`;
  const { params, results } = t.composite;
  return `(${params.map(valText).join(', ')}) -> (${results.map(valText).join(', ')})`;
}

function valText(t: CoreValType): string {
  return typeof t === 'string' ? t : refText(t);
}

function refText(r: CoreRefType): string {
  const heap = typeof r.heap === 'number' ? `${r.heap}` : r.heap;
  if (r.nullable && !r.shared && typeof r.heap === 'string' && ['func', 'extern', 'exn', 'any'].includes(r.heap)) {
    return `${heap}ref`;
  }
  return `(ref ${r.nullable ? 'null ' : ''}${r.shared ? '(shared ' + heap + ')' : heap})`;
}
