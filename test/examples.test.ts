/** Bundled examples: each committed binary is what its text source builds, and validates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { validate } from '../compiler/index.js';
import { REPO_ROOT } from './paths.js';

describe('examples/hello', () => {
  const dir = join(REPO_ROOT, 'examples/hello');
  const wasm = new Uint8Array(readFileSync(join(dir, 'hello.wasm')));

  it('hello.wasm is built from hello.wat (rebuild: node examples/hello/build.js)', async () => {
    const built = await parse(readFileSync(join(dir, 'hello.wat'), 'utf8'));
    expect(Buffer.from(built).equals(Buffer.from(wasm))).toBe(true);
  });

  it('validates, exporting greet', () => {
    const summary = validate(wasm);
    expect(summary.imports).toEqual([]);
    expect(summary.exports).toEqual([{ name: 'greet', kind: 'func', type: 'func(name: string) -> string' }]);
    expect(summary.coreModules.count).toBe(1);
    expect(summary.features).toEqual(['mvp']);
  });
});
