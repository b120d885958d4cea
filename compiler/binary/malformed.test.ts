/**
 * Hand-built binaries: every malformation is a catalogued decode error with
 * the right code and an offset into the outermost input.
 */
import { describe, expect, test } from 'vitest';
import { CompileError } from '../errors/index.js';
import { decodeBinary, decodeComponent } from './decode.js';
import { DECODE_LIMITS } from './reader.js';

const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
const CORE_PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const str = (s: string) => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...leb(bytes.length), ...bytes];
};
const section = (id: number, ...content: number[]) => [id, ...leb(content.length), ...content];
const component = (...sections: number[][]) => Uint8Array.from([...PREAMBLE, ...sections.flat()]);
const coreModule = (...sections: number[][]) => [...CORE_PREAMBLE, ...sections.flat()];

function decodeError(bytes: Uint8Array | number[]): CompileError {
  try {
    decodeComponent(Uint8Array.from(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    expect((e as CompileError).stage).toBe('decode');
    return e as CompileError;
  }
  throw new Error('expected a decode error');
}

describe('preamble', () => {
  test('the empty component decodes', () => {
    const c = decodeComponent(component());
    expect(c).toMatchObject({ kind: 'component', offset: 0, end: 8, defs: [], customs: [] });
  });

  test.each([0, 1, 3, 4, 5, 6, 7])('truncated to %d bytes', (n) => {
    const e = decodeError(PREAMBLE.slice(0, n));
    expect(e.code).toBe('decode/unexpected-end');
    expect(e.offset).toBe(n);
  });

  test.each([['asm\0'], ['\0ASM'], ['\xffasm']])('bad magic %j', (magic) => {
    const bytes = [...magic].map((c) => c.charCodeAt(0));
    expect(decodeError([...bytes, 0x0d, 0, 1, 0]).code).toBe('decode/bad-magic');
  });

  test.each([
    [[0x0c, 0, 1, 0]],
    [[0x0e, 0, 1, 0]],
    [[0, 0x0d, 1, 0]],
    [[0x0d, 0, 2, 0]],
    [[0x0d, 0, 1, 1]],
    [[0x0d, 0, 0, 0]],
  ])('bad version/layer %j', (tail) => {
    const e = decodeError([0, 0x61, 0x73, 0x6d, ...tail]);
    expect(e.code).toBe('decode/bad-version');
    expect(e.offset).toBe(4);
  });

  test('a core module is not a component, but decodeBinary takes either', () => {
    expect(decodeError(coreModule()).code).toBe('decode/expected-component');
    const m = decodeBinary(Uint8Array.from(coreModule()));
    expect(m.kind).toBe('module');
    const c = decodeBinary(component());
    expect(c.kind).toBe('component');
  });
});

describe('sections', () => {
  test.each([13, 60, 0xff])('section id %d is unknown', (id) => {
    const e = decodeError(component([id, 0]));
    expect(e.code).toBe('decode/unknown-section');
    expect(e.offset).toBe(8);
  });

  test('a section longer than the input', () => {
    expect(decodeError(component([7, 3, 0])).code).toBe('decode/unexpected-end');
  });

  test('a section whose items end before its size', () => {
    const e = decodeError(component([7, 3, 1, 0x73, 0x73]));
    expect(e.code).toBe('decode/section-size-mismatch');
    expect(e.offset).toBe(12);
  });

  test('items that run past the section size', () => {
    const e = decodeError(component([7, 2, 1, 0x40], [0, 1, 0]));
    expect(e.code).toBe('decode/unexpected-end');
  });

  test('a size LEB with bits past 32, and one that is too long', () => {
    expect(decodeError(component([7, 0x81, 0x80, 0x80, 0x80, 0x70, 0])).code).toBe('decode/integer-too-large');
    expect(decodeError(component([7, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00, 0])).code).toBe(
      'decode/integer-representation-too-long',
    );
    // zero-padded to 5 bytes is fine
    expect(decodeComponent(component([7, 0x81, 0x80, 0x80, 0x80, 0x00, 0])).defs).toEqual([]);
  });

  test('a vector count larger than the section fails fast', () => {
    const e = decodeError(component(section(7, 0xbf, 0x84, 0x3d, 0x73)));
    expect(e.code).toBe('decode/count-too-large');
    expect(e.offset).toBe(10);
  });

  test('a huge count in a huge section does not allocate or loop', () => {
    // count 2^32-1 with the section claiming 100 bytes that are not there
    const e = decodeError(component([7, 100, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect(e.code).toBe('decode/unexpected-end');
  });

  test('invalid UTF-8 in an import name points at the name', () => {
    const e = decodeError(component(section(10, 1, 0x00, 2, 0xff, 0xfe, 0x01, 0x00)));
    expect(e.code).toBe('decode/invalid-utf8');
    // the name's bytes, after its length
    expect(e.offset).toBe(13);
  });

  test('custom sections need a name; their payload is kept as a view', () => {
    expect(decodeError(component([0, 3, 5, 0x61, 0x62])).code).toBe('decode/unexpected-end');
    const bytes = component(section(0, ...str('hi'), 1, 2, 3));
    const c = decodeComponent(bytes);
    expect(c.customs).toHaveLength(1);
    expect(c.customs[0]!.name).toBe('hi');
    expect([...c.customs[0]!.data]).toEqual([1, 2, 3]);
    expect(c.customs[0]!.data.buffer).toBe(bytes.buffer);
  });

  test('a malformed component-name section is ignored, a good one is read', () => {
    const bad = decodeComponent(component(section(0, ...str('component-name'), 0xff, 0xfe, 0x01)));
    expect(bad.names).toBeUndefined();
    expect(bad.customs[0]!.name).toBe('component-name');
    const good = decodeComponent(
      component(
        section(0, ...str('component-name'), ...section(0, ...str('top')), ...section(1, 0x00, 0x11, 1, 0, ...str('m'))),
      ),
    );
    expect(good.names?.component).toBe('top');
    expect(good.names?.sorts).toEqual([{ sort: 'core module', names: new Map([[0, 'm']]) }]);
  });
});

describe('items', () => {
  const typeSection = (...type: number[]) => component(section(7, 1, ...type));

  test.each([
    [[0x62], 'component defined type', 0x62],
    [[0x44], 'component defined type', 0x44],
    [[0x71, 1, ...str('c'), 0, 1], 'zero byte required', 1],
    [[0x40, 0, 1, 1], 'number of results', 1],
    [[0x40, 0, 2, 0], 'component function results', 2],
    [[0x41, 1, 5, 0x73], 'component or instance type declaration', 5],
    [[0x42, 1, 3, 0, ...str('a'), 3, 1], 'component or instance type declaration', 3],
    [[0x6b, 0x60], 'component value type', 0x60],
    [[0x3f, 0x7f, 2], 'resource destructor', 2],
  ])('type %j: invalid leading byte for %s', (type, what, byte) => {
    const e = decodeError(typeSection(...type));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain(what);
    expect(e.message).toContain(`(0x${byte.toString(16)})`);
  });

  test('a multi-byte negative s33 is not a value type', () => {
    expect(decodeError(typeSection(0x70, 0xff, 0x7f)).code).toBe('decode/invalid-leading-byte');
  });

  test('type indices are s33: 100 is 0xe4 0x00', () => {
    const c = decodeComponent(typeSection(0x70, 0xe4, 0x00));
    expect(c.defs[0]).toMatchObject({ kind: 'type', type: { kind: 'list', element: 100 } });
  });

  test.each([
    [[0x03, 0x03, 0, 0], 'alias target'],
    [[0x06, 0x02, 0, 0], 'sort'],
    [[0x00, 0x05, 0x02, 0, 0], 'core sort'],
    [[0x05, 0x02, 0, 0], 'outer alias sort'],
    [[0x01, 0x02, 0, 0], 'outer alias sort'],
    [[0x00, 0x00, 0x02, 0, 0], 'outer alias sort'],
  ])('alias %j: %s', (alias, what) => {
    const e = decodeError(component(section(6, 1, ...alias)));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain(what);
  });

  test.each([
    [[0x07], 'canonical function'],
    [[0x2e], 'canonical function'],
    [[0x00, 0x01, 0, 0, 0], 'canonical function lift'],
    [[0x01, 0x01, 0, 0], 'canonical function lower'],
    [[0x01, 0x00, 0, 1, 0x0a], 'canonical option'],
  ])('canon %j: %s', (canon, what) => {
    const e = decodeError(component(section(8, 1, ...canon)));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain(what);
  });

  test.each([
    [[0x0c, 2]],
    [[0x20, 2, 0]],
    [[0x06, 2]],
    [[0x42, 2]],
  ])('canon flag byte %j must be 0 or 1', (canon) => {
    expect(decodeError(component(section(8, 1, ...canon))).code).toBe('decode/invalid-boolean');
  });

  test('the cancellable byte is read as 0x00/0x01', () => {
    const c = decodeComponent(component(section(8, 2, 0x0c, 0x01, 0x20, 0x00, 0x03)));
    expect(c.defs.map((d) => d.kind === 'canon' && d.canon)).toEqual([
      { offset: 11, name: 'thread.yield', opcode: 0x0c, cancellable: true },
      { offset: 13, name: 'waitable-set.wait', opcode: 0x20, cancellable: false, memory: 3 },
    ]);
  });

  test.each([
    [[0x03, ...str('a'), 0x01, 0], 'component name'],
    [[0x02, ...str('a'), 1, 0x03, ...str('x'), 0x01, 0], 'name attribute'],
    [[0x00, ...str('t'), 0x03, 0x02], 'type bound'],
    [[0x00, ...str('x'), 0x06, 0x00], 'component external kind'],
    [[0x00, ...str('m'), 0x00, 0x00, 0x00], 'component external kind'],
    [[0x00, ...str('v'), 0x02, 0x02], 'value bound'],
  ])('import %j: %s', (imp, what) => {
    const e = decodeError(component(section(10, 1, ...imp)));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain(what);
  });

  test('export: the optional type byte', () => {
    const e = decodeError(component(section(11, 1, 0x00, ...str('e'), 0x01, 0x00, 0x02)));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain('optional component export type');
  });

  test.each([
    [2, [0x02, 0, 0], 'core instance'],
    [2, [0x00, 0, 1, ...str('i'), 0x00, 0], 'instantiation arg kind'],
    [5, [0x02, 0, 0], 'instance'],
  ])('section %d item %j: %s', (id, item, what) => {
    const e = decodeError(component(section(id, 1, ...item)));
    expect(e.message).toContain(`for ${what}`);
  });

  test.each([
    [[0x50, 1, 0x04, 0x60, 0, 0], 'module type declaration'],
    [[0x50, 1, 0x02, 0x00, 0x01, 1, 0], 'module type outer alias sort'],
    [[0x50, 1, 0x02, 0x10, 0x00, 1, 0], 'module type alias target'],
    [[0x00, 0x4f, 0, 0x60, 0, 0], 'non-final sub type'],
    [[0x61], 'core type'],
  ])('core type %j: %s', (type, what) => {
    const e = decodeError(component(section(3, 1, ...type)));
    expect(e.code).toBe('decode/invalid-leading-byte');
    expect(e.message).toContain(what);
  });

  test('value section keeps its bytes; start section reads its arguments', () => {
    const c = decodeComponent(component(section(12, 1, 0x79, 2, 0x80, 0x01), section(9, 3, 2, 0, 1, 1)));
    const [value, start] = c.defs;
    expect(value).toMatchObject({ kind: 'value', offset: 11, type: 'u32' });
    expect(value?.kind === 'value' && [...value.bytes]).toEqual([0x80, 0x01]);
    expect(start).toEqual({ kind: 'start', offset: 17, func: 3, args: [0, 1], results: 1 });
  });
});

describe('nesting', () => {
  test('errors in nested components carry outermost offsets', () => {
    const inner = [...PREAMBLE, ...section(7, 1, 0x62)];
    const bytes = component(section(7, 1, 0x73), section(4, ...inner));
    const e = decodeError(bytes);
    expect(e.code).toBe('decode/invalid-leading-byte');
    // outer preamble 8 + type section 4 + component section header 2 + inner preamble 8 + header 2 + count 1
    expect(e.offset).toBe(8 + 4 + 2 + 8 + 2 + 1);
    expect(bytes[e.offset!]).toBe(0x62);
  });

  test('nested components get offsets and ends in the outer buffer', () => {
    const inner = [...PREAMBLE, ...section(7, 1, 0x73)];
    const c = decodeComponent(component(section(4, ...inner)));
    const nested = c.defs[0];
    expect(nested?.kind).toBe('component');
    if (nested?.kind !== 'component') return;
    expect(nested.component.offset).toBe(10);
    expect(nested.component.end).toBe(10 + inner.length);
    expect(nested.component.defs[0]).toMatchObject({ kind: 'type', offset: 21, type: { kind: 'prim', prim: 'string' } });
  });

  test('a nested component with a bad or core preamble', () => {
    expect(decodeError(component(section(4, 0, 0x61, 0x73, 0x6d, 0x0c, 0, 1, 0))).code).toBe('decode/bad-version');
    expect(decodeError(component(section(4, ...CORE_PREAMBLE))).code).toBe('decode/expected-component');
    expect(decodeError(component(section(1, ...PREAMBLE))).code).toBe('decode/expected-module');
  });

  test('components nested past the limit fail cleanly (no stack overflow)', () => {
    let bytes = [...PREAMBLE];
    for (let i = 0; i < DECODE_LIMITS.MAX_NESTING_DEPTH + 5; i++) bytes = [...PREAMBLE, ...section(4, ...bytes)];
    expect(decodeError(bytes).code).toBe('decode/nesting-too-deep');
  });

  test('instance types nested past the limit fail cleanly', () => {
    let type = [0x42, 0];
    for (let i = 0; i < DECODE_LIMITS.MAX_NESTING_DEPTH + 5; i++) type = [0x42, 1, 0x01, ...type];
    expect(decodeError(component(section(7, 1, ...type))).code).toBe('decode/nesting-too-deep');
  });

  test('instance types nested within the limit decode', () => {
    let type = [0x42, 0];
    for (let i = 0; i < 20; i++) type = [0x42, 1, 0x01, ...type];
    expect(decodeComponent(component(section(7, 1, ...type))).defs).toHaveLength(1);
  });
});

describe('core modules in a component', () => {
  const moduleSection = (...sections: number[][]) => component(section(1, ...coreModule(...sections)));

  test('sections out of order, or repeated', () => {
    const e = decodeError(moduleSection(section(1, 0), section(11, 0), section(1, 0)));
    expect(e.code).toBe('decode/section-out-of-order');
    expect(e.offset).toBe(10 + 8 + 6);
    expect(decodeError(moduleSection(section(3, 0), section(3, 0))).code).toBe('decode/section-out-of-order');
    // tag (13) sits between memory (5) and global (6)
    expect(decodeComponent(moduleSection(section(5, 0), section(13, 0), section(6, 0))).defs).toHaveLength(1);
    expect(decodeError(moduleSection(section(6, 0), section(13, 0))).code).toBe('decode/section-out-of-order');
  });

  test('custom sections may go anywhere', () => {
    const c = decodeComponent(moduleSection(section(0, ...str('a')), section(1, 0), section(0, ...str('b'))));
    const m = c.defs[0]?.kind === 'core-module' ? c.defs[0].module : undefined;
    expect(m?.customs).toEqual(['a', 'b']);
  });

  test('unknown core section ids', () => {
    const e = decodeError(moduleSection([14, 0]));
    expect(e.code).toBe('decode/unknown-section');
    expect(e.offset).toBe(18);
  });

  test('function and code counts must agree; so must data count and data', () => {
    expect(decodeError(moduleSection(section(1, 1, 0x60, 0, 0), section(3, 1, 0))).code).toBe(
      'decode/inconsistent-function-count',
    );
    expect(decodeError(moduleSection(section(12, 2), section(11, 1, 1, 0))).code).toBe('decode/inconsistent-data-count');
  });

  test('limits flags, global flags, tag attributes, table encodings', () => {
    expect(decodeError(moduleSection(section(5, 1, 0x10, 0))).message).toContain('memory limits flags');
    expect(decodeError(moduleSection(section(5, 1, 0x08, 0, 64))).code).toBe('decode/invalid-page-size');
    expect(decodeError(moduleSection(section(4, 1, 0x70, 0x08, 0))).message).toContain('table limits flags');
    expect(decodeError(moduleSection(section(6, 1, 0x7f, 0x04, 0x41, 0, 0x0b))).message).toContain('global mutability');
    expect(decodeError(moduleSection(section(13, 1, 0x01, 0))).message).toContain('tag attribute');
    expect(decodeError(moduleSection(section(4, 1, 0x40, 0x01, 0x70, 0, 0))).message).toContain('table with initializer');
  });

  test('constant expressions must use constant instructions and end', () => {
    const e = decodeError(moduleSection(section(6, 1, 0x7f, 0, 0x28, 0, 0, 0x0b)));
    expect(e.code).toBe('decode/const-expr-instruction');
    expect(e.message).toContain('0x28');
    expect(decodeError(moduleSection(section(6, 1, 0x7f, 0, 0x41, 0))).code).toBe('decode/unexpected-end');
  });
});

describe('component-name tolerance', () => {
  test('a malformed or unknown-sort subsection is skipped, the others kept', () => {
    const c = decodeComponent(
      component(
        section(
          0,
          ...str('component-name'),
          ...section(1, 0x09, 1, 0, ...str('unknown sort')),
          ...section(1, 0x01, 1, 0, 2, 0xff, 0xfe),
          ...section(1, 0x01, 1, 0, ...str('f')),
          ...section(7, 1, 2, 3),
          ...section(0, ...str('c')),
        ),
      ),
    );
    expect(c.names).toEqual({ component: 'c', sorts: [{ sort: 'func', names: new Map([[0, 'f']]) }] });
  });
});
