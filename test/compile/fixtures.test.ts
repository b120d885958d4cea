/**
 * Real components from the jco test suite that need neither WASI nor
 * resources, compiled and called through the JS contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES } from '../paths.js';
import { compileAndLoad } from './load.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, `${name}.component.wasm`)));

describe('jco-runtime fixtures', () => {
  test('adder: docs:adder/add@0.1.0 add(u32, u32) -> u32', async () => {
    const { instantiate } = await compileAndLoad(fixture('adder'));
    const adder = (await instantiate())['docs:adder/add@0.1.0'];
    expect(adder.add(2, 3)).toBe(5);
    expect(adder.add(0xffffffff, 1)).toBe(0);
    expect(() => adder.add(-1, 1)).toThrow(TypeError);
  });

  test('asmjs_bigint: add(s64, s64) -> s64', async () => {
    const { instantiate } = await compileAndLoad(fixture('asmjs_bigint'));
    const { add } = await instantiate();
    expect(add(2n, 40n)).toBe(42n);
    expect(add(-5n, 2n)).toBe(-3n);
    expect(add(2n ** 63n - 1n, 1n)).toBe(-(2n ** 63n));
    expect(() => add(1, 2n)).toThrow(expect.objectContaining({ code: 'type/s64' }));
  });

  for (const name of ['simple-nested', 'simple-nested-optimized']) {
    test(`${name}: re-exports hello-world through nested components, calling the host`, async () => {
      const { instantiate } = await compileAndLoad(fixture(name));
      let calls = 0;
      const iface = 'calvinrp:test-async-funcs/hello@0.1.0';
      const exports = await instantiate({
        [iface]: {
          helloWorld: () => {
            calls++;
            return 'hello from the host ✓';
          },
        },
      });
      expect(exports[iface].helloWorld()).toBe('hello from the host ✓');
      expect(calls).toBe(1);
    });
  }

  test('a missing import fails at instantiation with a clear TypeError', async () => {
    const { instantiate } = await compileAndLoad(fixture('simple-nested'));
    await expect(instantiate({})).rejects.toThrow(/missing import calvinrp:test-async-funcs\/hello@0.1.0#hello-world/);
  });
});
