/** examples/compose: two components composed in component text, used from a JS app. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, describe, expect, test } from 'vitest';
import { validate } from '../../compiler/index.js';
import { EXAMPLES, exampleBytes, removeStaged, runApp, stageExample } from './harness.js';

describe('examples/compose', () => {
  afterAll(removeStaged);
  const wasm = exampleBytes('compose', 'compose.wasm');

  test('compose.wasm is built from compose.wat (rebuild: node examples/compose/build.js)', async () => {
    const built = await parse(readFileSync(join(EXAMPLES, 'compose', 'compose.wat'), 'utf8'));
    expect(Buffer.from(built).equals(Buffer.from(wasm))).toBe(true);
  });

  test('two nested components, no imports; exports shout and the case interface', () => {
    const summary = validate(wasm);
    expect(summary.imports).toEqual([]);
    expect(summary.exports.map((e) => e.name)).toEqual(['shout', 'example:text/case']);
    expect(summary.components.count).toBe(2);
  });

  test('app.mjs prints what its README says', async () => {
    const dir = await stageExample('compose', 'compose');
    const r = await runApp(dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('HELLO, COMPONENTS!\nTWO MEMORIES, ONE CALL\n');
  });
});
