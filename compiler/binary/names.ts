/**
 * Names: `nameattributes` (an extern name with its attributes), and the two
 * name custom sections: the component's `component-name` and a core
 * module's `name`. Name sections are advisory (Binary.md, Name Section):
 * a malformed one is ignored, never an error.
 */
import type { ExternName, NameSection } from './ast.js';
import { COMPONENT_NAME_SUBSECTION, CORE_NAME_SUBSECTION, NAME_ATTRIBUTE, NAME_FORM } from './opcodes.js';
import { byteTable, Reader } from './reader.js';
import { readSort } from './sorts.js';
import { CompileError } from '../errors/index.js';

type AttributeKind = ExternName['attributes'][number]['kind'];
const ATTRIBUTE = byteTable<AttributeKind>(NAME_ATTRIBUTE);

/**
 * nameattributes ::= 0x00 name | 0x01 name | 0x02 name vec(attribute).
 * Duplicate attributes are kept (all in `attributes`, the first in its
 * field): rejecting them is validation.
 */
export function readExternName(r: Reader): ExternName {
  const offset = r.offset;
  const form = r.u8('component name');
  if (form !== NAME_FORM.plain && form !== NAME_FORM.legacy && form !== NAME_FORM.attributed) {
    r.invalidLeadingByte(form, 'component name');
  }
  const name = r.name('extern name');
  const result: ExternName = { offset, name, form: form as 0 | 1 | 2, attributes: [] };
  if (form !== NAME_FORM.attributed) return result;
  const n = r.count('name attributes');
  for (let i = 0; i < n; i++) {
    const at = r.offset;
    const byte = r.u8('name attribute');
    const kind = ATTRIBUTE[byte] ?? r.invalidLeadingByte(byte, 'name attribute (name option)');
    const value = r.name(`\`${kind}\` attribute`);
    result.attributes.push({ kind, offset: at });
    if (kind === 'implements') result.implements ??= value;
    else if (kind === 'versionsuffix') result.versionSuffix ??= value;
    else result.externalId ??= value;
  }
  return result;
}

/** runs a tolerant parse: a decode error means "no result" */
function tolerant<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (e) {
    if (e instanceof CompileError) return undefined;
    throw e;
  }
}

/** namesubsection_N(B) ::= N:byte size:u32 B */
function* subsections(r: Reader): Generator<{ id: number; body: Reader }> {
  while (!r.eof()) {
    const id = r.u8('name subsection id');
    const size = r.u32('name subsection size');
    yield { id, body: r.sub(size, 'name subsection') };
  }
}

/**
 * the payload of a `component-name` custom section (after its name): a
 * subsection whose contents are malformed (or name an unknown sort) is
 * skipped; broken subsection framing drops the whole section (undefined)
 */
export function readComponentNames(data: Uint8Array, offset: number): NameSection | undefined {
  return tolerant(() => {
    const section: NameSection = { sorts: [] };
    for (const { id, body } of subsections(new Reader(data, 0, data.length, offset))) {
      if (id === COMPONENT_NAME_SUBSECTION.component) {
        const name = tolerant(() => body.name('component name'));
        if (name !== undefined && body.eof()) section.component = name;
      } else if (id === COMPONENT_NAME_SUBSECTION.sort) {
        const sortNames = tolerant(() => {
          const sort = readSort(body);
          const names = new Map<number, string>();
          const n = body.count('name map');
          for (let i = 0; i < n; i++) {
            const index = body.u32('name map index');
            names.set(index, body.name('name map name'));
          }
          return body.eof() ? { sort, names } : undefined;
        });
        if (sortNames !== undefined) section.sorts.push(sortNames);
      }
      // unknown subsections are skipped
    }
    return section;
  });
}

/** the module name from a core `name` custom section's payload, or undefined */
export function readCoreModuleName(data: Uint8Array, offset: number): string | undefined {
  return tolerant(() => {
    for (const { id, body } of subsections(new Reader(data, 0, data.length, offset))) {
      if (id === CORE_NAME_SUBSECTION.module) return body.name('module name');
    }
    return undefined;
  });
}
