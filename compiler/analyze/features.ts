/**
 * Which feature gates a decoded component uses, read from the AST alone (no
 * index resolution, so it also works on components that fail validation).
 * Canon built-ins take their gate from the opcode table; everything else is a
 * structural rule from the Explainer's gate markers. Core modules add the
 * core-wasm proposals their interface shows (memories, tags, types).
 */
import type {
  Canon,
  Component,
  CoreCompositeType,
  CoreDefType,
  CoreExternType,
  CoreModule,
  CoreModuleDecl,
  CoreSubType,
  CoreValType,
  Decl,
  DefType,
  ExternName,
  ExternType,
  ValTypeRef,
} from '../binary/ast.js';
import { CANON_BY_OPCODE, type Feature } from '../binary/opcodes.js';

export function classify(c: Component): Set<Feature> {
  const out = new Set<Feature>();
  component(c, out);
  return out;
}

function component(c: Component, out: Set<Feature>): void {
  for (const d of c.defs) {
    switch (d.kind) {
      case 'core-module':
        coreModule(d.module, out);
        break;
      case 'core-type':
        coreDefType(d.type, out);
        break;
      case 'component':
        component(d.component, out);
        break;
      case 'instance':
        if (d.expr.kind === 'exports') for (const e of d.expr.exports) externName(e.name, out);
        break;
      case 'type':
        defType(d.type, out);
        break;
      case 'canon':
        canon(d.canon, out);
        break;
      case 'start':
      case 'value':
        out.add('values');
        break;
      case 'import':
        externName(d.name, out);
        externType(d.type, out);
        break;
      case 'export':
        externName(d.name, out);
        if (d.type) externType(d.type, out);
        if (d.sort === 'value') out.add('values');
        break;
      case 'core-instance':
      case 'alias':
        if (d.kind === 'alias' && d.alias.sort === 'value') out.add('values');
        break;
    }
  }
}

// ───────────────────────── canonical definitions ─────────────────────────

function canon(cn: Canon, out: Set<Feature>): void {
  const spec = CANON_BY_OPCODE.get(cn.opcode);
  if (spec) out.add(spec.feature);
  const opts = cn.opts ?? [];
  const has = (name: string) => opts.some((o) => o.name === name);
  if (has('async') || has('callback')) out.add('async');
  // 🚟 stackful: an async lift without a callback
  if (cn.name === 'lift' && has('async') && !has('callback')) out.add('stackful');
  // 🚝: `async` on the cancel built-ins, and the sync (no `async`) form of stream/future copies
  if (cn.async && (cn.name === 'subtask.cancel' || /^(stream|future)\.cancel-/.test(cn.name))) out.add('async-builtins');
  if (/^(stream|future)\.(read|write)$/.test(cn.name) && !has('async')) out.add('async-builtins');
  // 🐘: 64-bit context slots (memory64 memories show in the core modules)
  if (cn.valtype === 'i64') out.add('memory64');
  if (cn.shared) out.add('shared-threads');
  if (cn.result !== undefined && cn.result !== null) valTypeRef(cn.result, out);
}

// ───────────────────────── component types ─────────────────────────

function defType(t: DefType, out: Set<Feature>): void {
  switch (t.kind) {
    case 'func':
      if (t.async) out.add('async');
      break;
    case 'component-type':
    case 'instance-type':
      for (const d of t.decls) decl(d, out);
      break;
    case 'resource':
      if (t.rep === 'i64') out.add('memory64');
      break;
    case 'prim':
      valTypeRef(t.prim, out);
      break;
    case 'list':
      if (t.length !== undefined) out.add('fixed-lists');
      valTypeRef(t.element, out);
      break;
    case 'stream':
    case 'future':
      out.add('async');
      break;
    case 'map':
      out.add('map');
      break;
    case 'record':
      for (const f of t.fields) valTypeRef(f.type, out);
      break;
    case 'variant':
      for (const c of t.cases) if (c.type !== null) valTypeRef(c.type, out);
      break;
    case 'tuple':
      for (const x of t.types) valTypeRef(x, out);
      break;
    case 'option':
      valTypeRef(t.type, out);
      break;
    case 'result':
      if (t.ok !== null) valTypeRef(t.ok, out);
      if (t.err !== null) valTypeRef(t.err, out);
      break;
    default:
      break;
  }
}

/** Only primitives carry a gate in a type reference; indices were classified where defined. */
function valTypeRef(t: ValTypeRef, out: Set<Feature>): void {
  if (t === 'error-context') out.add('error-context');
}

function decl(d: Decl, out: Set<Feature>): void {
  switch (d.kind) {
    case 'core-type':
      coreDefType(d.type, out);
      break;
    case 'type':
      defType(d.type, out);
      break;
    case 'alias':
      if (d.alias.sort === 'value') out.add('values');
      break;
    case 'import':
    case 'export':
      externName(d.name, out);
      externType(d.type, out);
      break;
  }
}

function externType(t: ExternType, out: Set<Feature>): void {
  if (t.kind === 'value') {
    out.add('values');
    if (t.bound.kind === 'type') valTypeRef(t.bound.type, out);
  }
}

/**
 * 🏷️ `implements` / `external-id`; 🔗 version suffixes and canonical (short)
 * interface versions; 🪺 more than one namespace or projection.
 */
function externName(n: ExternName, out: Set<Feature>): void {
  if (n.implements !== undefined || n.externalId !== undefined) out.add('implements');
  if (n.versionSuffix !== undefined) out.add('canonical-names');
  for (const name of [n.name, n.implements]) {
    if (name === undefined || !name.includes(':')) continue;
    const at = name.indexOf('@');
    const path = at < 0 ? name : name.slice(0, at);
    if ((path.match(/:/g)?.length ?? 0) > 1 || (path.match(/\//g)?.length ?? 0) > 1) out.add('nested-names');
    if (at >= 0 && !/^\d+\.\d+\.\d+/.test(name.slice(at + 1))) out.add('canonical-names');
  }
}

// ───────────────────────── core modules and core types ─────────────────────────

function coreModule(m: CoreModule, out: Set<Feature>): void {
  for (const t of m.types) coreSubType(t, out);
  let memories = m.memories.length;
  for (const i of m.imports) {
    if (i.desc.kind === 'memory') memories++;
    coreExternType(i.desc, out);
  }
  for (const mem of m.memories) coreExternType({ kind: 'memory', ...mem }, out);
  for (const t of m.tables) coreExternType({ kind: 'table', ...t }, out);
  for (const g of m.globals) coreExternType({ kind: 'global', ...g }, out);
  if (m.tags.length) out.add('exceptions');
  if (memories > 1) out.add('multi-memory');
}

function coreDefType(t: CoreDefType, out: Set<Feature>): void {
  if (t.kind === 'rec') {
    if (t.types.length !== 1) out.add('gc');
    for (const s of t.types) coreSubType(s, out);
    return;
  }
  let memories = 0;
  for (const d of t.decls) {
    moduleDecl(d, out);
    if (d.kind === 'import' && d.desc.kind === 'memory') memories++;
  }
  if (memories > 1) out.add('multi-memory');
}

function moduleDecl(d: CoreModuleDecl, out: Set<Feature>): void {
  if (d.kind === 'type') coreDefType(d.type, out);
  else if (d.kind === 'import' || d.kind === 'export') coreExternType(d.desc, out);
}

function coreExternType(t: CoreExternType, out: Set<Feature>): void {
  switch (t.kind) {
    case 'memory':
      if (t.memory64) out.add('memory64');
      if (t.shared) out.add('shared-memory');
      if (t.pageSizeLog2 !== undefined) out.add('custom-page-sizes');
      break;
    case 'table':
      if (t.table64) out.add('memory64');
      if (t.shared) out.add('shared-memory');
      coreValType(t.element, out);
      break;
    case 'global':
      if (t.shared) out.add('shared-memory');
      coreValType(t.type, out);
      break;
    case 'tag':
      out.add('exceptions');
      break;
    case 'func':
      break;
  }
}

function coreSubType(s: CoreSubType, out: Set<Feature>): void {
  if (!s.final || s.supertypes.length || (s.rec && s.rec.size !== 1)) out.add('gc');
  if (s.shared) out.add('shared-memory');
  coreComposite(s.composite, out);
}

function coreComposite(c: CoreCompositeType, out: Set<Feature>): void {
  switch (c.kind) {
    case 'func':
      for (const t of [...c.params, ...c.results]) coreValType(t, out);
      break;
    case 'struct':
      out.add('gc');
      for (const f of c.fields) if (f.type !== 'i8' && f.type !== 'i16') coreValType(f.type, out);
      break;
    case 'array':
      out.add('gc');
      if (c.field.type !== 'i8' && c.field.type !== 'i16') coreValType(c.field.type, out);
      break;
    case 'cont':
      out.add('stack-switching');
      break;
  }
}

/** Heap types beyond MVP's funcref/externref. */
const GC_HEAPS = new Set(['any', 'eq', 'i31', 'struct', 'array', 'none', 'nofunc', 'noextern']);

function coreValType(t: CoreValType, out: Set<Feature>): void {
  if (t === 'v128') out.add('simd');
  if (typeof t === 'string') return;
  if (t.shared) out.add('shared-memory');
  if (typeof t.heap === 'number' || GC_HEAPS.has(t.heap)) out.add('gc');
  else if (t.heap === 'exn' || t.heap === 'noexn') out.add('exceptions');
  else if (t.heap === 'cont' || t.heap === 'nocont') out.add('stack-switching');
  // non-nullable func/extern refs come with typed function references (part of the GC family)
  else if (!t.nullable) out.add('gc');
}
