/** examples/shop: a C reactor with a WIT world (strings, records, lists), used from a JS app. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validate } from '../../compiler/index.js';
import { EXAMPLES, exampleBytes, removeStaged, runApp, stageExample } from './harness.js';

describe('examples/shop', () => {
  afterAll(removeStaged);
  const wasm = exampleBytes('shop', 'shop.wasm');

  test('exports the world of shop.wit', () => {
    const summary = validate(wasm);
    expect(summary.exports).toEqual([
      { name: 'summarize', kind: 'func', type: expect.stringMatching(/^func\(items: list<item>\) -> summary$/) },
      { name: 'receipt', kind: 'func', type: expect.stringMatching(/^func\(customer: string, items: list<item>\) -> string$/) },
      { name: 'split-words', kind: 'func', type: 'func(text: string) -> list<string>' },
    ]);
  });

  test('app.mjs prints expected-output.txt', async () => {
    const dir = await stageExample('shop', 'shop');
    const r = await runApp(dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(EXAMPLES, 'shop', 'expected-output.txt'), 'utf8'));
    expect(r.code).toBe(0);
  });
});
