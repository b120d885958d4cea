import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { callScopeBegin, callScopeEnd } from './call-scope.js';
import { liftBorrow, lowerOwn } from './handles.js';
import { ComponentInstance } from './instance.js';
import { ResourceType } from './resource-type.js';
import { resourceFinalize, resourceRegisterQueued } from './registry.js';
import {
  resourceDispose,
  resourceDisposeSymbol,
  resourceIsLive,
  resourceIsOwned,
  resourceWrapBorrow,
  resourceWrapOwn,
  resourceWrapperRep,
  resourceWrapperTake,
} from './wrappers.js';

/** What an emitted class might look like. */
class Counter {
  static rt: ResourceType;
  [resourceDisposeSymbol](): void {
    resourceDispose(this as never, Counter.rt);
  }
}

function setup(withDtor = true) {
  const c = new ComponentInstance();
  const dropped: number[] = [];
  const rt = new ResourceType(c, withDtor ? (rep) => void dropped.push(rep) : null, 'counter');
  Counter.rt = rt;
  return { c, rt, dropped };
}

function typeErrorOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a TypeError');
}

describe('own wrappers', () => {
  it('read their rep until moved; a moved wrapper is dead', () => {
    const { rt } = setup();
    const w = resourceWrapOwn(new Counter(), rt, 41);
    expect(resourceIsOwned(w)).toBe(true);
    expect(resourceWrapperRep(w, 'this')).toBe(41);
    expect(resourceWrapperTake(w, rt, 'arg 0')).toBe(41);
    expect(resourceIsLive(w)).toBe(false);
    const e = typeErrorOf(() => resourceWrapperRep(w, 'this'));
    expect(e.code).toBe('type/dead-handle');
    expect(e.message).toMatch(/^this: expected a live resource/);
    expect(typeErrorOf(() => resourceWrapperTake(w, rt, 'arg 0')).code).toBe('type/dead-handle');
  });

  it('dispose runs the destructor once, then the wrapper is dead', () => {
    const { rt, dropped } = setup();
    const w = resourceWrapOwn(new Counter(), rt, 7);
    w[resourceDisposeSymbol]();
    w[resourceDisposeSymbol]();
    expect(dropped).toEqual([7]);
    expect(typeErrorOf(() => resourceWrapperRep(w, 'this')).code).toBe('type/dead-handle');
  });

  it('uses the engine\'s Symbol.dispose where there is one', () => {
    expect(resourceDisposeSymbol).toBe(Symbol.dispose);
  });

  it('dispose traps (and keeps the wrapper) when the instance cannot be entered', () => {
    const { c, rt, dropped } = setup();
    const w = resourceWrapOwn(new Counter(), rt, 7);
    c.mayEnter = false; // e.g. disposed from inside an import the component called
    expect(() => resourceDispose(w, rt)).toThrow(WebAssembly.RuntimeError);
    expect(resourceIsOwned(w)).toBe(true);
    c.mayEnter = true;
    resourceDispose(w, rt);
    expect(dropped).toEqual([7]);
  });

  it('registers with the type registry lazily, only owned wrappers of types with a destructor, and unregisters on move/dispose', () => {
    const { rt } = setup();
    const log: string[] = [];
    rt.registry = {
      register: (_w: object, rep: number) => void log.push(`register ${rep}`),
      unregister: () => (log.push('unregister'), true),
    } as unknown as FinalizationRegistry<number>;
    const a = resourceWrapOwn(new Counter(), rt, 1);
    const b = resourceWrapOwn(new Counter(), rt, 2);
    resourceWrapperTake(a, rt, 'arg 0'); // died before registration: nothing to undo
    expect(log).toEqual([]);
    resourceRegisterQueued();
    expect(log).toEqual(['register 2']);
    resourceDispose(b, rt);
    expect(log).toEqual(['register 2', 'unregister']);
    resourceRegisterQueued();
    expect(log).toEqual(['register 2', 'unregister']);

    const plain = setup(false).rt;
    resourceWrapOwn(new Counter(), plain, 3);
    resourceRegisterQueued();
    expect(plain.registry).toBe(null);
  });

  it('registers the queue in a microtask', async () => {
    const { rt } = setup();
    const log: number[] = [];
    rt.registry = { register: (_w: object, rep: number) => void log.push(rep) } as unknown as FinalizationRegistry<number>;
    resourceWrapOwn(new Counter(), rt, 5);
    expect(log).toEqual([]);
    await Promise.resolve();
    expect(log).toEqual([5]);
  });

  it('finalization drops the rep, skipping a busy or poisoned instance', () => {
    const { c, rt, dropped } = setup();
    resourceFinalize(rt, 1);
    c.mayEnter = false;
    resourceFinalize(rt, 2);
    c.mayEnter = true;
    c.poisoned = true;
    resourceFinalize(rt, 3);
    expect(dropped).toEqual([1]);
  });

  it('a trap in a finalized destructor poisons the instance and is not rethrown', () => {
    const c = new ComponentInstance();
    const rt = new ResourceType(c, () => { throw new WebAssembly.RuntimeError('unreachable'); }, 'r');
    resourceFinalize(rt, 1);
    expect(c.poisoned).toBe(true);
    expect(c.mayEnter).toBe(false);
  });

  it('a lost own wrapper is dropped after garbage collection', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { rt, dropped } = setup();
    (() => {
      resourceWrapOwn(new Counter(), rt, 99);
    })();
    for (let k = 0; k < 100 && dropped.length === 0; k++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    expect(dropped).toEqual([99]);
  });

  it('a borrow wrapper cannot be moved as own', () => {
    const { rt } = setup();
    const scope = callScopeBegin();
    const w = resourceWrapBorrow(new Counter(), 5, scope);
    const e = typeErrorOf(() => resourceWrapperTake(w, rt, 'arg 1'));
    expect(e.code).toBe('type/handle');
    expect(e.message).toContain('that is owned');
    callScopeEnd(scope);
  });
});

describe('borrow wrappers', () => {
  it('die when their call ends; disposing one does nothing', () => {
    const { rt, dropped } = setup();
    const d = new ComponentInstance();
    const h = lowerOwn(d, rt, 12);
    // d calls a host import taking borrow<counter>: the glue lifts the borrow and wraps it
    const scope = callScopeBegin();
    const w = resourceWrapBorrow(new Counter(), liftBorrow(d, rt, h, scope), scope);
    expect(resourceWrapperRep(w, 'this')).toBe(12);
    w[resourceDisposeSymbol]();
    expect(resourceIsLive(w)).toBe(true);
    callScopeEnd(scope);
    expect(dropped).toEqual([]);
    expect(d.handles.lends[h]).toBe(0);
    expect(resourceIsLive(w)).toBe(false);
    expect(typeErrorOf(() => resourceWrapperRep(w, 'this')).code).toBe('type/dead-handle');
  });

  it('a non-wrapper is a plain handle type error', () => {
    expect(typeErrorOf(() => resourceWrapperRep({} as never, 'arg 0')).code).toBe('type/handle');
  });
});
