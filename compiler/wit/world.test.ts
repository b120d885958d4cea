import { describe, expect, it } from 'vitest';
import type { ComponentType, ExternType, FuncType, InstanceType, Resource, ValType } from '../types/model.js';
import { TYPE_TEXT_LIMIT, NameScope } from './type.js';
import { externTypeText, printWorld } from './world.js';

const u32: ValType = { kind: 'u32' };
const str: ValType = { kind: 'string' };
const func = (params: [string, ValType][], result: ValType | null = null, async = false): ExternType => ({
  kind: 'func',
  type: { kind: 'func', async, params: params.map(([name, type]) => ({ name, type })), result } satisfies FuncType,
});
const instance = (entries: [string, ExternType][]): ExternType => ({
  kind: 'instance',
  type: { kind: 'instance', exports: new Map(entries) } satisfies InstanceType,
});
const world = (imports: [string, ExternType][], exports: [string, ExternType][]): ComponentType => ({
  kind: 'component',
  imports: new Map(imports),
  exports: new Map(exports),
  importedResources: [],
  exportedResources: [],
});

describe('printWorld', () => {
  it('prints plain functions, async functions and interface instances', () => {
    const text = printWorld(
      world(
        [['test:strings/imports', instance([['take-basic', func([['s', str]])]])]],
        [
          ['roundtrip', func([['s', str]], str)],
          ['fetch', func([], u32, true)],
        ],
      ),
    );
    expect(text).toBe(
      [
        'world root {',
        '  import test:strings/imports: interface {',
        '    take-basic: func(s: string);',
        '  }',
        '  export roundtrip: func(s: string) -> string;',
        '  export fetch: async func() -> u32;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('names records, enums and flags where exported, and gathers resource members', () => {
    const point: ValType = { kind: 'record', fields: [{ name: 'x', type: u32 }, { name: 'y', type: u32 }] };
    const color: ValType = { kind: 'enum', names: ['red', 'green'] };
    const r: Resource = { kind: 'resource', id: 7, origin: 'abstract' };
    const text = printWorld(
      world(
        [],
        [
          [
            'shapes',
            instance([
              ['point', { kind: 'type', type: point }],
              ['color', { kind: 'type', type: color }],
              ['canvas', { kind: 'type', type: r }],
              ['[constructor]canvas', func([['w', u32]], { kind: 'own', resource: r })],
              ['[method]canvas.draw', func([['self', { kind: 'borrow', resource: r }], ['at', point], ['c', color]])],
              ['[static]canvas.merge', func([['a', { kind: 'own', resource: r }], ['b', { kind: 'borrow', resource: r }]], { kind: 'own', resource: r })],
              ['mix', func([['f', { kind: 'flags', names: ['a', 'b'] }]], { kind: 'list', element: point })],
            ]),
          ],
        ],
      ),
    );
    expect(text).toContain(
      [
        '  export shapes: interface {',
        '    record point {',
        '      x: u32,',
        '      y: u32,',
        '    }',
        '    enum color {',
        '      red,',
        '      green,',
        '    }',
        '    resource canvas {',
        '      constructor(w: u32);',
        '      draw: func(at: point, c: color);',
        '      merge: static func(a: canvas, b: borrow<canvas>) -> canvas;',
        '    }',
        '    mix: func(f: flags { a, b }) -> list<point>;',
        '  }',
      ].join('\n'),
    );
  });

  it('writes `use` for a type first defined by another interface', () => {
    const error: Resource = { kind: 'resource', id: 1, origin: 'abstract' };
    const text = printWorld(
      world(
        [
          ['wasi:io/error@0.2.0', instance([['error', { kind: 'type', type: error }]])],
          [
            'wasi:io/streams@0.2.0',
            instance([
              ['error', { kind: 'type', type: error }],
              ['stream-error', { kind: 'type', type: { kind: 'variant', cases: [{ name: 'last-operation-failed', type: { kind: 'own', resource: error } }, { name: 'closed', type: null }] } }],
            ]),
          ],
        ],
        [],
      ),
    );
    expect(text).toContain('    resource error;');
    expect(text).toContain('    use wasi:io/error@0.2.0.{error};');
    expect(text).toContain('      last-operation-failed(error),');
    expect(text).toContain('      closed,');
  });

  it('escapes keywords and prints anonymous types inline', () => {
    const t: ValType = {
      kind: 'result',
      ok: { kind: 'tuple', types: [u32, { kind: 'option', type: str }] },
      err: { kind: 'variant', cases: [{ name: 'list', type: null }] },
    };
    expect(printWorld(world([['type', func([['record', t]])]], []))).toContain(
      'import %type: func(%record: result<tuple<u32, option<string>>, variant { %list }>);',
    );
  });

  it('bounds the text of a type tree built by sharing', () => {
    let t: ValType = u32;
    for (let i = 0; i < 40; i++) t = { kind: 'tuple', types: [t, t] };
    const text = new NameScope().ref(t);
    expect(text.length).toBeLessThanOrEqual(TYPE_TEXT_LIMIT + 1);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('externTypeText', () => {
  it('gives one line per kind', () => {
    expect(externTypeText(func([['a', u32]], str))).toBe('func(a: u32) -> string');
    expect(externTypeText(instance([['f', func([])], ['g', func([])]]))).toBe('interface { f, g }');
    expect(externTypeText({ kind: 'type', type: { kind: 'resource', id: 3, origin: 'defined' } })).toBe('resource');
    expect(externTypeText({ kind: 'value', type: { kind: 'list', element: { kind: 'u8' } } })).toBe('value list<u8>');
  });
});
