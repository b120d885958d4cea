import { describe, expect, it } from 'vitest';
import { planLift, planLower } from '../../abi/plan.js';
import { emitLift, emitLower, createEmitContext, type EmitContext } from './index.js';
import * as b from '../builders.js';
import { print } from '../print.js';
import { CompileError } from '../../errors/index.js';
import * as T from '../../../test/abi/types.js';
import type { Resource } from '../../types/model.js';

const baseCtx = (extra: Partial<EmitContext> = {}) =>
  createEmitContext({
    callee: b.member(b.id('core'), 'f'),
    memory: b.id('m0'),
    realloc: b.id('realloc0'),
    postReturn: b.id('postReturn0'),
    name: 'f',
    ...extra,
  });

describe('emitted code shape', () => {
  it('a trivial u32 export is a check and a call', () => {
    const ctx = baseCtx();
    const code = print(emitLift(planLift(T.func([T.u32], T.u32)), ctx));
    expect(code).toBe(
      [
        'function f(a0) {',
        '  if (a0 >>> 0 !== a0) throw typeError("type/u32", "arg 0", a0);',
        '  return core.f(a0) >>> 0;',
        '}',
      ].join('\n'),
    );
    expect([...ctx.helpers]).toEqual(['typeError']);
    expect(ctx.hoisted).toEqual([]);
  });

  it('a trivial u32 import is a call and a check', () => {
    const ctx = baseCtx({ callee: b.id('host') });
    const code = print(emitLower(planLower(T.func([T.u32], T.u32)), ctx));
    expect(code).toBe(
      [
        'function f(p0) {',
        '  const ret2 = host(p0 >>> 0);',
        '  if (ret2 >>> 0 !== ret2) throw typeError("type/u32", "result", ret2);',
        '  return ret2;',
        '}',
      ].join('\n'),
    );
  });

  it('enter/exit hooks: checks come first, nothing moves past exit', () => {
    const ctx = baseCtx({
      enter: () => [b.expr(b.call('enter0'))],
      exit: () => [b.expr(b.call('exit0'))],
    });
    const code = print(emitLift(planLift(T.func([T.u8], T.u8)), ctx));
    expect(code).toBe(
      [
        'function f(a0) {',
        '  if ((a0 & 0xff) !== a0) throw typeError("type/u8", "arg 0", a0);',
        '  enter0();',
        '  const v2 = core.f(a0) & 0xff;',
        '  exit0();',
        '  return v2;',
        '}',
      ].join('\n'),
    );
  });

  it('wrapBody wraps the whole body', () => {
    const ctx = baseCtx({ wrapBody: (body) => [b.tryStmt(body, 'e', [b.expr(b.call('poison', b.id('e'))), b.throwStmt(b.id('e'))])] });
    const code = print(emitLift(planLift(T.func([], T.bool)), ctx));
    expect(code).toContain('try {\n    return core.f() !== 0;\n  } catch (e) {\n    poison(e);');
  });

  it('post-return runs after the result is lifted', () => {
    const ctx = baseCtx();
    const code = print(emitLift(planLift(T.func([], T.string), { memory: true, realloc: true, postReturn: true }), ctx));
    const lifted = code.indexOf('liftUtf8(');
    expect(lifted).toBeGreaterThan(0);
    expect(code.indexOf('postReturn0(')).toBeGreaterThan(lifted);
    expect(ctx.helpers).toEqual(new Set(['memDataView', 'checkPtr', 'liftUtf8']));
  });

  it('enum tables are hoisted once per type', () => {
    const color = T.enum_('red', 'green');
    const ctx = baseCtx();
    emitLift(planLift(T.func([color, color], color)), ctx);
    const hoisted = ctx.hoisted.map((d) => print(d));
    expect(hoisted).toEqual([
      'const enumIndex = new Map([["red", 0], ["green", 1]]);',
      'const enumNames = ["red", "green"];',
    ]);
  });

  it('scalar functions use no memory helpers', () => {
    const ctx = baseCtx();
    emitLift(planLift(T.func([T.s64, T.f32, T.char, T.option(T.u8)], T.tuple(T.bool))), ctx);
    for (const h of ctx.helpers) expect(['typeError', 'charCode', 'memDataView', 'checkPtr', 'liftChar']).toContain(h);
  });

  it('no allocation in a scalar call', () => {
    const code = print(emitLift(planLift(T.func([T.u32, T.f64, T.s64], T.f64)), baseCtx()));
    expect(code).not.toMatch(/new |\[|\{ /);
  });
});

describe('handles', () => {
  const resource: Resource = { kind: 'resource', id: 1, origin: 'defined', name: 'file' };
  it('are compile/unsupported without hooks', () => {
    const plan = planLift(T.func([{ kind: 'own', resource }]));
    try {
      emitLift(plan, baseCtx());
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      expect((e as CompileError).code).toBe('compile/unsupported');
    }
  });
  it('go through the hooks when given', () => {
    const ctx = baseCtx({
      handles: {
        invalid: (_t, v) => b.not(b.binary('instanceof', v, b.id('File'))),
        lift: (_t, h) => b.call('liftFile', h),
        lower: (_t, v) => b.call('lowerFile', v),
      },
    });
    const own = { kind: 'own' as const, resource };
    const code = print(emitLift(planLift(T.func([own], own)), ctx));
    expect(code).toContain('if (!(a0 instanceof File)) throw typeError("type/handle", "arg 0", a0);');
    // handle ops have effects (ownership moves): they stay in order, as statements
    expect(code).toContain('const h1 = lowerFile(a0);\n  const ret2 = core.f(h1);\n  const h3 = liftFile(ret2);\n  return h3;');
  });
});
