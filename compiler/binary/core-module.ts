/**
 * A core module, kept as its bytes, with its interface read: types,
 * imports, functions, tables, memories, tags, globals, exports, start and
 * data count. Element, code and data sections are skipped by size (their
 * counts are read to check them against the function and data count
 * sections); function bodies are never parsed — the engine validates them.
 */
import type { CoreExport, CoreModule } from './ast.js';
import { CORE_NAME_SECTION, CORE_SECTION, CORE_SECTION_ORDER, TABLE_WITH_INIT, type CoreSectionName } from './opcodes.js';
import { skipConstExpr } from './const-expr.js';
import {
  readCoreExternKind,
  readCoreImport,
  readGlobalType,
  readMemoryType,
  readTableType,
  readTagType,
} from './core-externs.js';
import { readRecType } from './core-types.js';
import { readCoreModuleName } from './names.js';
import { expectModulePreamble } from './preamble.js';
import { Reader } from './reader.js';
import { fail } from '../errors/index.js';

const MAX_CORE_SECTION = Math.max(...Object.values(CORE_SECTION));
/** position of each section id in the fixed order (custom sections excluded) */
const ORDER: number[] = [];
CORE_SECTION_ORDER.forEach((id, position) => (ORDER[id] = position));
const SECTION_NAME: string[] = [];
for (const [name, id] of Object.entries(CORE_SECTION) as [CoreSectionName, number][]) SECTION_NAME[id] = name;

/** reads a core module that fills `r` exactly (a component's core module section, or a whole file) */
export function readCoreModule(r: Reader): CoreModule {
  const offset = r.offset;
  const start = r.pos;
  expectModulePreamble(r);
  const m: CoreModule = {
    offset,
    bytes: r.data.subarray(start, r.end),
    types: [],
    imports: [],
    funcs: [],
    tables: [],
    memories: [],
    globals: [],
    tags: [],
    exports: [],
    customs: [],
  };
  let last = -1;
  let bodies = 0;
  let dataSegments = 0;
  let groups = 0;
  while (!r.eof()) {
    const sectionAt = r.offset;
    const id = r.u8('section id');
    if (id > MAX_CORE_SECTION) fail('decode/unknown-section', sectionAt, id);
    const size = r.u32('section size');
    const s = r.sub(size, `core section ${SECTION_NAME[id]} contents`);
    if (id === CORE_SECTION.custom) {
      const name = s.name('custom section name');
      m.customs.push(name);
      if (name === CORE_NAME_SECTION && m.name === undefined) {
        m.name = readCoreModuleName(s.data.subarray(s.pos, s.end), s.offset);
      }
      continue;
    }
    if (ORDER[id]! <= last) fail('decode/section-out-of-order', sectionAt, SECTION_NAME[id]!);
    last = ORDER[id]!;
    switch (id) {
      case CORE_SECTION.type: {
        const n = s.count('rec types');
        for (let i = 0; i < n; i++) for (const t of readRecType(s, groups++)) m.types.push(t);
        break;
      }
      case CORE_SECTION.import:
        m.imports = s.vec('imports', readCoreImport);
        break;
      case CORE_SECTION.function:
        m.funcs = s.vec('functions', (rr) => rr.u32('function type index'));
        break;
      case CORE_SECTION.table:
        m.tables = s.vec('tables', readTable);
        break;
      case CORE_SECTION.memory:
        m.memories = s.vec('memories', readMemoryType);
        break;
      case CORE_SECTION.global:
        m.globals = s.vec('globals', (rr) => {
          const type = readGlobalType(rr);
          skipConstExpr(rr);
          return type;
        });
        break;
      case CORE_SECTION.export:
        m.exports = s.vec('exports', readCoreExport);
        break;
      case CORE_SECTION.start:
        m.start = s.u32('start function index');
        break;
      case CORE_SECTION.element:
        s.pos = s.end;
        break;
      case CORE_SECTION.code:
        bodies = s.count('function bodies');
        s.pos = s.end;
        break;
      case CORE_SECTION.data:
        dataSegments = s.count('data segments');
        s.pos = s.end;
        break;
      case CORE_SECTION.dataCount:
        m.dataCount = s.u32('data count');
        break;
      case CORE_SECTION.tag:
        m.tags = s.vec('tags', readTagType);
        break;
    }
    if (!s.eof()) fail('decode/section-size-mismatch', s.offset, id);
  }
  if (m.funcs.length !== bodies) fail('decode/inconsistent-function-count', offset, m.funcs.length, bodies);
  if (m.dataCount !== undefined && m.dataCount !== dataSegments) {
    fail('decode/inconsistent-data-count', offset, m.dataCount, dataSegments);
  }
  return m;
}

/** table ::= tabletype | 0x40 0x00 tabletype expr */
function readTable(r: Reader): ReturnType<typeof readTableType> {
  if (r.peek('table') !== TABLE_WITH_INIT[0]) return readTableType(r);
  r.pos++;
  r.expectByte(TABLE_WITH_INIT[1], 'table with initializer (0x40 must be followed by 0x00)');
  const type = readTableType(r);
  skipConstExpr(r);
  return type;
}

/** export ::= name exportdesc */
function readCoreExport(r: Reader): CoreExport {
  const offset = r.offset;
  const name = r.name('export name');
  const sort = readCoreExternKind(r);
  return { offset, name, sort, index: r.u32('export index') };
}

