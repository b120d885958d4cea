import { describe, expect, it } from 'vitest';
import * as b from './builders.js';
import { at, print, type MappingSink } from './print.js';

describe('builders and print', () => {
  it('literals', () => {
    const code = print(b.program([b.expr(b.array([
      b.lit(-1), b.lit(-0), b.lit(NaN), b.lit(Infinity), b.lit(5n), b.lit(-5n), b.lit(undefined), b.lit('q"'), b.hex(255),
    ]))]));
    expect(code).toBe('[-1, -0, NaN, Infinity, 5n, -5n, void 0, "q\\"", 0xff];\n');
  });
  it('members and objects quote what is not an identifier', () => {
    const code = print(b.program([b.expr(b.object([['a-b', b.member(b.id('x'), 'c-d')], ['ok', b.member(b.id('x'), 3)]]))]));
    expect(code).toBe('({\n  "a-b": x["c-d"],\n  ok: x[3]\n});\n');
  });
  it('precedence is astring\'s business', () => {
    const e = b.binary('!==', b.binary('&', b.id('x'), b.lit(1)), b.binary('>>>', b.id('y'), b.lit(0)));
    expect(print(b.expr(e))).toBe('(x & 1) !== y >>> 0;');
  });
  it('source maps: identifiers, literals and functions with loc are mapped', () => {
    const mappings: unknown[] = [];
    const sink: MappingSink = {
      addMapping: (m) => void mappings.push({ original: { ...m.original }, generated: { line: m.generated.line, column: m.generated.column } }),
    };
    const stmt = b.expr(b.call(at(b.id('f'), 'app.wasm', 1, 16)));
    const code = print(b.program([b.constDecl('x', b.lit(1)), stmt]), { sourceMap: sink });
    expect(code).toBe('const x = 1;\nf();\n');
    expect(mappings).toEqual([{ original: { line: 1, column: 16 }, generated: { line: 2, column: 0 } }]);
  });
});
