/**
 * Core module definitions: core validation by the engine we run on, the
 * component model's extra rule (no duplicate two-level import names), and
 * the module's type (imports, exports) for instantiation.
 */
import type { CoreExternType, CoreModule, CoreModuleDef, CoreSubType } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { CoreModuleType } from './model.js';
import { push, type Scope } from './scope.js';

/** The type of a core module: its imports and exports, in terms of its own types. */
export function moduleTypeOf(m: CoreModule): CoreModuleType {
  const funcs: number[] = [];
  const tables: CoreExternType[] = [];
  const memories: CoreExternType[] = [];
  const globals: CoreExternType[] = [];
  const tags: number[] = [];
  for (const i of m.imports) {
    switch (i.desc.kind) {
      case 'func':
        funcs.push(i.desc.type);
        break;
      case 'tag':
        tags.push(i.desc.type);
        break;
      case 'table':
        tables.push(i.desc);
        break;
      case 'memory':
        memories.push(i.desc);
        break;
      case 'global':
        globals.push(i.desc);
        break;
    }
  }
  funcs.push(...m.funcs);
  tags.push(...m.tags);
  tables.push(...m.tables.map((t) => ({ kind: 'table' as const, ...t })));
  memories.push(...m.memories.map((t) => ({ kind: 'memory' as const, ...t })));
  globals.push(...m.globals.map((t) => ({ kind: 'global' as const, ...t })));
  const exports = new Map<string, CoreExternType>();
  for (const e of m.exports) {
    const item = ((): CoreExternType | undefined => {
      switch (e.sort) {
        case 'func':
          return funcs[e.index] === undefined ? undefined : { kind: 'func', type: funcs[e.index]! };
        case 'tag':
          return tags[e.index] === undefined ? undefined : { kind: 'tag', type: tags[e.index]! };
        case 'table':
          return tables[e.index];
        case 'memory':
          return memories[e.index];
        case 'global':
          return globals[e.index];
        default:
          return undefined;
      }
    })();
    // The engine rejects bad export indices; a module it could not check keeps what it can.
    if (item) exports.set(e.name, item);
  }
  return {
    kind: 'module',
    imports: m.imports.map((i) => ({ module: i.module, name: i.name, desc: i.desc })),
    exports,
    types: m.types,
  };
}

/**
 * Features a module uses that Node 20's engine lacks, judged from its
 * interface (the engine's own verdict is the authority when it has them).
 */
export function engineGaps(m: CoreModule): string[] {
  const gaps = new Set<string>();
  const memories = [...m.memories, ...m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc] : []))];
  const tables = [...m.tables, ...m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc] : []))];
  if (memories.some((x) => x.memory64) || tables.some((t) => t.table64)) gaps.add('memory64');
  if (memories.length > 1) gaps.add('multi-memory');
  if (memories.some((x) => x.pageSizeLog2 !== undefined)) gaps.add('custom-page-sizes');
  if (m.types.some(isGcType) || tables.some((t) => typeof t.element.heap === 'number')) gaps.add('gc');
  if (m.tags.length > 0 || m.imports.some((i) => i.desc.kind === 'tag')) gaps.add('exceptions');
  if (m.types.some((t) => t.shared) || memories.some((x) => x.shared)) gaps.add('shared-everything');
  if (m.types.some((t) => t.composite.kind === 'cont')) gaps.add('stack-switching');
  return [...gaps];
}

function isGcType(t: CoreSubType): boolean {
  if (t.composite.kind !== 'func' || !t.final || t.supertypes.length > 0 || (t.rec && t.rec.size > 1)) return true;
  const refs = [...t.composite.params, ...t.composite.results];
  return refs.some((v) => typeof v === 'object' && (typeof v.heap === 'number' || !['func', 'extern'].includes(v.heap)));
}

/**
 * Engine messages that mean "not supported here" rather than "invalid": V8's
 * for features behind flags (relaxed SIMD...), extended constant expressions
 * and opcodes of proposals it does not know (exnref's `try_table`...).
 */
const UNSUPPORTED = /--experimental|not allowed in constant expressions|Invalid opcode|invalid (?:value|heap|reference) type|unknown type form/i;

/** Why the engine rejects `bytes`, from its compile error. */
function engineError(bytes: Uint8Array): string {
  try {
    new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    return 'rejected by the engine';
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^WebAssembly\.Module\(\): /, '') : String(e);
  }
}

/**
 * Core modules the engine has accepted in this process, by byte length: a
 * compiler that stays loaded (watch mode, a bundler plugin) sees the same
 * core modules again and again, and engine validation is most of what
 * validating a component costs. Entries are private copies compared
 * byte for byte, so a hit is exactly a module the engine accepted; the cache
 * is emptied when it would pass `ACCEPTED_LIMIT` bytes.
 */
const accepted = new Map<number, Uint8Array[]>();
let acceptedBytes = 0;
const ACCEPTED_LIMIT = 64 * 1024 * 1024;

/** `WebAssembly.validate(bytes)`, once per distinct module the engine accepts. */
function engineAccepts(bytes: Uint8Array): boolean {
  const same = accepted.get(bytes.length);
  if (same?.some((b) => Buffer.compare(b, bytes) === 0)) return true;
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) return false;
  if (bytes.length > ACCEPTED_LIMIT) return true;
  if (acceptedBytes + bytes.length > ACCEPTED_LIMIT) {
    accepted.clear();
    acceptedBytes = 0;
  }
  // a copy: the caller may reuse its buffer
  const copy = bytes.slice();
  const list = accepted.get(bytes.length);
  if (list) list.push(copy);
  else accepted.set(bytes.length, [copy]);
  acceptedBytes += bytes.length;
  return true;
}

/** `(core module ...)`: validated, typed, added to the core module index space. */
export function coreModuleDef(scope: Scope, def: CoreModuleDef, gaps: Map<CoreModule, string[]>): void {
  const m = def.module;
  const seen = new Set<string>();
  for (const i of m.imports) {
    const key = `${i.module}\u0000${i.name}`;
    if (seen.has(key)) fail('validate/core-duplicate-import', i.offset, i.module, i.name);
    seen.add(key);
  }
  if (!engineAccepts(m.bytes)) {
    const why = engineError(m.bytes);
    const missing = engineGaps(m);
    if (missing.length === 0 && UNSUPPORTED.test(why)) missing.push(`engine: ${why}`);
    // Features this engine lacks: validated structurally only, recorded for later phases.
    if (missing.length > 0) gaps.set(m, missing);
    else fail('validate/core-module-invalid', m.offset, why);
  }
  push(scope, 'coreModules', moduleTypeOf(m), def);
}
