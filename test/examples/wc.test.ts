/**
 * examples/wc: a C command program (clang + wasi-libc + the preview1 command
 * adapter), run with `canonjs run`: stdin, arguments, preopened folders and
 * the exit status pass through.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validate } from '../../compiler/index.js';
import { runComponent, type RunOptions } from '../../compiler/cli/run/run.js';
import { EXAMPLES, exampleBytes } from './harness.js';
import { tempDir } from '../tmp.js';

const file = join(EXAMPLES, 'wc', 'wc.wasm');
const bytes = exampleBytes('wc', 'wc.wasm');
const cacheDir = tempDir('wc-cache');
const wc = (options: RunOptions) => runComponent(file, bytes, { cacheDir, stdio: 'pipe', ...options });
const row = (...n: number[]) => n.map((x) => String(x).padStart(8)).join('');

describe('examples/wc', () => {
  test('a WASI 0.2 command component', () => {
    const summary = validate(bytes);
    expect(summary.exports.map((e) => e.name)).toEqual(['wasi:cli/run@0.2.12']);
    expect(summary.imports.map((i) => i.name)).toContain('wasi:cli/stdin@0.2.12');
  });

  test('counts standard input', async () => {
    const r = await wc({ input: 'hello world\nfoo  bar baz\n\nlast line without newline' });
    expect(r.stderr!.toString()).toBe('');
    expect(r.stdout!.toString()).toBe(`${row(3, 9, 51)}\n`);
    expect(r.code).toBe(0);
  });

  test('options come through as arguments', async () => {
    const r = await wc({ args: ['-l'], input: 'a\nb\nc\n' });
    expect(r.stdout!.toString()).toBe(`${row(3)}\n`);
    const w = await wc({ args: ['-wc'], input: 'ü ö\n' });
    expect(w.stdout!.toString()).toBe(`${row(2, 6)}\n`);
  });

  test('files from a preopened folder, with a total', async () => {
    const dir = tempDir('wc-data');
    writeFileSync(join(dir, 'a.txt'), 'one two\nthree\n');
    writeFileSync(join(dir, 'b.txt'), 'four\n');
    const r = await wc({ args: ['/data/a.txt', '/data/b.txt'], dirs: [{ host: dir, guest: '/data' }] });
    expect(r.stderr!.toString()).toBe('');
    expect(r.stdout!.toString()).toBe(`${row(2, 3, 14)} /data/a.txt\n${row(1, 1, 5)} /data/b.txt\n${row(3, 4, 19)} total\n`);
    expect(r.code).toBe(0);
  });

  test('a failure is a non-zero exit with the message on stderr', async () => {
    const missing = await wc({ args: ['/nowhere.txt'] });
    expect(missing.stderr!.toString()).toMatch(/^wc: \/nowhere\.txt: /);
    expect(missing.code).toBe(1);
    const bad = await wc({ args: ['-x'] });
    expect(bad.stderr!.toString()).toBe('wc: unknown option -x (use -l, -w, -c)\n');
    // the preview1 adapter reports any non-zero status as wasi:cli/exit's err, i.e. 1
    expect(bad.code).toBe(1);
  });
});
