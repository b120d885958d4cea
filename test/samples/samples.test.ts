/**
 * Sample folders (Rollup/Svelte style): each `test/samples/<case>/` holds
 * `component.wat`, `_config.json` (compile options, calls to make and their
 * expected results) and `expected.js`, the generated module as it should be:
 * the names of the runtime pieces it carries, then its own code (the pieces'
 * text is the runtime's, tested there).
 * `BLESS=1` rewrites expected.js from the current output; `SAMPLES=a,b`
 * runs only those; a `"skip": "reason"` in _config.json skips with a reason.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, test } from 'vitest';
import { compileAndLoad } from '../compile/load.js';
import { REPO_ROOT } from '../paths.js';

interface Call {
  /** export path: `f` or `iface#f` */
  export: string;
  args?: unknown[];
  returns?: unknown;
  throws?: { code: string };
}

interface Config {
  description: string;
  skip?: string;
  options?: { inlineCutoff?: number };
  /** host imports as JS source: an object expression */
  imports?: string;
  calls: Call[];
}

const DIR = join(REPO_ROOT, 'test/samples');
const only = process.env.SAMPLES?.split(',');
const cases = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (!only || only.includes(d.name)))
  .map((d) => d.name)
  .sort();

/** JSON can't say bigint or typed arrays: `{"$bigint": "5"}`, `{"$u8": [1,2]}` etc. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
    if (Array.isArray(o.$u8)) return new Uint8Array(o.$u8 as number[]);
    if (Array.isArray(o.$f64)) return new Float64Array(o.$f64 as number[]);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** The module with its runtime pieces' text replaced by their names. */
function withoutRuntimeText(js: string): string {
  const at = js.indexOf('export async function instantiate');
  const pieces = [...js.slice(0, at).matchAll(/^(?:async )?(?:function|const|let|class) ([\w$]+)/gm)].map((m) => m[1]);
  return `// runtime pieces: ${pieces.join(', ')}\n${js.slice(at)}`;
}

describe('samples', () => {
  for (const name of cases) {
    const dir = join(DIR, name);
    const config = JSON.parse(readFileSync(join(dir, '_config.json'), 'utf8')) as Config;
    const run = config.skip ? test.skip : test;
    run(`${name}: ${config.description}`, async () => {
      const bytes = await parse(readFileSync(join(dir, 'component.wat'), 'utf8'));
      const { js, instantiate } = await compileAndLoad(bytes, { name: 'c', inlineCutoff: config.options?.inlineCutoff ?? 0 });
      const expectedFile = join(dir, 'expected.js');
      const shown = withoutRuntimeText(js);
      if (process.env.BLESS || !existsSync(expectedFile)) writeFileSync(expectedFile, shown);
      else expect(shown).toBe(readFileSync(expectedFile, 'utf8'));

      const imports = config.imports ? new Function(`return (${config.imports});`)() : {};
      const exports = await instantiate(imports);
      for (const call of config.calls) {
        const path = call.export.split('#');
        const fn = path.reduce((o: any, k) => o[k], exports);
        const args = (call.args ?? []).map(revive);
        if (call.throws) expect(() => fn(...args)).toThrow(expect.objectContaining(call.throws));
        else expect(fn(...args)).toEqual(revive(call.returns));
      }
    });
  }
});
