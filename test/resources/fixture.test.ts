/**
 * The jco-runtime fixture resource-borrow-simple against a JS host:
 *
 *   world root {
 *     resource r { constructor(); }          // imported: the host's class
 *     import test: func(r: borrow<r>);
 *     export test-imports: func();
 *   }
 *
 * `test-imports` constructs an `r` through the host's class, lends it to the
 * host's `test`, then drops it (the host object's `[Symbol.dispose]` runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES } from '../paths.js';
import { compileAndLoad } from '../compile/load.js';

const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'resource-borrow-simple.component.wasm')));

function host() {
  const log: string[] = [];
  const made: R[] = [];
  const lent: unknown[] = [];
  class R {
    readonly n: number;
    constructor() {
      this.n = made.push(this);
      log.push(`new ${this.n}`);
    }
    [Symbol.dispose]() {
      log.push(`dispose ${this.n}`);
    }
  }
  const test = (r: unknown) => {
    lent.push(r);
    log.push(`test ${(r as R).n}`);
  };
  return { imports: { R, test }, log, made, lent };
}

describe('resource-borrow-simple (jco-runtime fixture)', () => {
  test('the host class constructs r, test gets the same object borrowed, the drop disposes it', async () => {
    const { instantiate } = await compileAndLoad(bytes);
    const h = host();
    const { testImports } = await instantiate(h.imports);
    testImports();
    expect(h.log).toEqual(['new 1', 'test 1', 'dispose 1']);
    expect(h.lent[0]).toBe(h.made[0]);
    testImports();
    expect(h.log.slice(3)).toEqual(['new 2', 'test 2', 'dispose 2']);
    expect(h.lent[1]).toBe(h.made[1]);
  });

  test('a host error inside the borrowing call is a trap that poisons the instance', async () => {
    const { instantiate } = await compileAndLoad(bytes);
    const h = host();
    const { testImports } = await instantiate({
      ...h.imports,
      test: () => {
        throw new Error('host failure');
      },
    });
    expect(() => testImports()).toThrow('host failure');
    expect(() => testImports()).toThrow(expect.objectContaining({ code: 'trap/poisoned' }));
  });

  test('a missing class is reported when instantiating', async () => {
    const { instantiate } = await compileAndLoad(bytes);
    await expect(instantiate({ test: () => {} })).rejects.toThrow(expect.objectContaining({ code: 'import/missing' }));
  });
});
