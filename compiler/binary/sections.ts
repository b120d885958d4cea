/**
 * The component section loop (Binary.md, Component Definitions): sections
 * in any order and number, each sized exactly, flattened into `defs` in
 * binary order. Nested components recurse on a sub-reader of the same
 * buffer, so their offsets stay outermost-buffer offsets.
 */
import type { Component, Definition } from './ast.js';
import { COMPONENT_NAME_SECTION, SECTION } from './opcodes.js';
import { readAlias } from './aliases.js';
import { readCanon } from './canon.js';
import { readCoreDefType } from './core-deftypes.js';
import { readCoreModule } from './core-module.js';
import { readExport, readImport, readStart, readValue } from './externs.js';
import { readCoreInstance, readInstance } from './instances.js';
import { readComponentNames } from './names.js';
import { expectComponentPreamble } from './preamble.js';
import { enter, type Reader } from './reader.js';
import { readDefType } from './types.js';
import { fail } from '../errors/index.js';

const MAX_SECTION = Math.max(...Object.values(SECTION));

/** reads `vec(item)`, appending each item to `defs` */
function each(s: Reader, what: string, defs: Definition[], item: (r: Reader) => Definition): void {
  const n = s.count(what);
  for (let i = 0; i < n; i++) defs.push(item(s));
}

function readSection(s: Reader, id: number, c: Component, depth: number): void {
  const defs = c.defs;
  switch (id) {
    case SECTION.custom: {
      const offset = s.offset;
      const name = s.name('custom section name');
      const data = s.data.subarray(s.pos, s.end);
      const dataOffset = s.offset;
      s.pos = s.end;
      c.customs.push({ offset, name, data });
      if (name === COMPONENT_NAME_SECTION && c.names === undefined) c.names = readComponentNames(data, dataOffset);
      return;
    }
    case SECTION.coreModule:
      defs.push({ kind: 'core-module', offset: s.offset, module: readCoreModule(s) });
      return;
    case SECTION.coreInstance:
      return each(s, 'core instances', defs, readCoreInstance);
    case SECTION.coreType:
      return each(s, 'core types', defs, (r) => ({ kind: 'core-type', offset: r.offset, type: readCoreDefType(r, depth) }));
    case SECTION.component: {
      const offset = s.offset;
      defs.push({ kind: 'component', offset, component: readComponent(s, enter(depth, offset)) });
      return;
    }
    case SECTION.instance:
      return each(s, 'instances', defs, readInstance);
    case SECTION.alias:
      return each(s, 'aliases', defs, (r) => ({ kind: 'alias', offset: r.offset, alias: readAlias(r) }));
    case SECTION.type:
      return each(s, 'types', defs, (r) => ({ kind: 'type', offset: r.offset, type: readDefType(r, depth) }));
    case SECTION.canon:
      return each(s, 'canonical functions', defs, (r) => ({ kind: 'canon', offset: r.offset, canon: readCanon(r) }));
    case SECTION.start:
      defs.push(readStart(s));
      return;
    case SECTION.import:
      return each(s, 'imports', defs, readImport);
    case SECTION.export:
      return each(s, 'exports', defs, readExport);
    case SECTION.value:
      return each(s, 'values', defs, readValue);
  }
}

/** reads a component that fills `r` exactly */
export function readComponent(r: Reader, depth: number): Component {
  const offset = r.offset;
  expectComponentPreamble(r);
  const component: Component = { kind: 'component', offset, end: r.base + r.end, defs: [], customs: [] };
  while (!r.eof()) {
    const sectionAt = r.offset;
    const id = r.u8('section id');
    if (id > MAX_SECTION) fail('decode/unknown-section', sectionAt, id);
    const size = r.u32('section size');
    const s = r.sub(size, `section ${id} contents`);
    readSection(s, id, component, depth);
    if (!s.eof()) fail('decode/section-size-mismatch', s.offset, id);
  }
  return component;
}
