/**
 * `canonjs run`: a command component compiled (cached) and run in a child
 * Node process with preview2-shim. Exit codes, arguments, environment, stdin
 * and stdout pass through.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../compiler/cli/program.js';
import { compile } from '../../compiler/compile.js';
import { runComponent, type RunOptions } from '../../compiler/cli/run/run.js';
import { tempDir } from '../tmp.js';

const cacheDir = tempDir('run-cache');
const work = tempDir('run');
const text = (name: string) => readFileSync(new URL(`./components/${name}`, import.meta.url), 'utf8');

async function built(name: string): Promise<{ file: string; bytes: Uint8Array }> {
  const bytes = await parse(text(`${name}.wat`));
  const file = join(work, `${name}.wasm`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

const run = (c: { file: string; bytes: Uint8Array }, options: RunOptions = {}) =>
  runComponent(c.file, c.bytes, { cacheDir, stdio: 'pipe', ...options });

describe('exit codes and arguments (a component without resources)', () => {
  let c: { file: string; bytes: Uint8Array };
  beforeAll(async () => {
    c = await built('exit-codes');
  });

  test('run returns ok: exit 0', async () => {
    const r = await run(c);
    expect(r.stderr!.toString()).toBe('');
    expect(r.code).toBe(0);
  });

  test('run returns err: exit 1', async () => {
    expect((await run(c, { args: ['x'] })).code).toBe(1);
  });

  test('a trap: exit 134 and the reason on stderr', async () => {
    const r = await run(c, { args: ['x', 'y'] });
    expect(r.code).toBe(134);
    expect(r.stderr!.toString()).toMatch(/trap|unreachable/);
  });

  test('exit-with-code passes any code through; args and env counts reach the guest', async () => {
    expect((await run(c, { args: ['a', 'b', 'c'] })).code).toBe(4);
    expect((await run(c, { args: ['a', 'b', 'c', 'd'], env: { A: '1', B: '2' } })).code).toBe(5 + 32);
  });

  test('the cache: one entry per component, reused', async () => {
    await run(c);
    const entries = readdirSync(cacheDir).filter((n) => !n.startsWith('.'));
    expect(entries.length).toBe(1);
    expect(readdirSync(join(cacheDir, entries[0]!))).toContain('component.js');
  });

  test('through the CLI: the exit code is the guest\'s, arguments after --', async () => {
    process.env.CANONJS_CACHE_DIR = cacheDir;
    try {
      const io = { out: () => {}, err: () => {} };
      // stdio inherits here; the component writes nothing
      expect(await runCli(['run', c.file, '--env', 'A=1', '--', 'a', 'b', 'c'], io)).toBe(4 + 16);
      expect(await runCli(['run', c.file], io)).toBe(0);
    } finally {
      delete process.env.CANONJS_CACHE_DIR;
    }
  });

  test('not a command component: a clear error', async () => {
    const hello = join(work, '..', 'hello-not-a-command.wasm');
    writeFileSync(hello, readFileSync(new URL('../../examples/hello/hello.wasm', import.meta.url)));
    let err = '';
    const code = await runCli(['run', hello], { out: () => {}, err: (t) => void (err += t) });
    expect(code).toBe(1);
    expect(err).toMatch(/^error cli\/not-a-command: hello-not-a-command.wasm is not a command component: .*greet/);
  });
});

describe('stdout, stdin and arguments through WASI 0.2 resources', () => {
  test('a component importing wasi:cli/stdout@0.2.6 runs against the shim: argument in, stdout out', async () => {
    const c = await built('hello-stdout');
    const r = await run(c, { args: ['Ada ⚙'] });
    expect(r.stderr!.toString()).toBe('');
    expect(r.stdout!.toString()).toBe('hello from 0.2.6, Ada ⚙\n');
    expect(r.code).toBe(0);
  });

  test('the same component at @0.3.0: a compile-time no-provider error naming the versions on offer', async () => {
    const bytes = await parse(text('hello-stdout.wat').replaceAll('@0.2.6', '@0.3.0'));
    await expect(compile(bytes)).rejects.toThrow(
      expect.objectContaining({
        code: 'compile/no-provider',
        message: expect.stringMatching(/^no provider for import wasi:io\/error@0\.3\.0: on offer: wasi:io\/error@0\.2\.x \(@bytecodealliance\/preview2-shim\/io\)/),
      }),
    );
    const file = join(work, 'hello-0.3.wasm');
    writeFileSync(file, bytes);
    let err = '';
    expect(await runCli(['run', file], { out: () => {}, err: (t) => void (err += t) })).toBe(1);
    expect(err).toMatch(/^error compile\/no-provider: no provider for import wasi:io\/error@0\.3\.0/);
  });

  test('stdin reaches the guest (examples/wc, a C program)', async () => {
    const wc = new URL('../../examples/wc/wc.wasm', import.meta.url);
    const bytes = new Uint8Array(readFileSync(wc));
    const input = 'one two three\n'.repeat(5000); // larger than one pipe buffer
    const r = await runComponent(wc.pathname, bytes, { cacheDir, stdio: 'pipe', args: ['-lw'], input });
    expect(r.stdout!.toString()).toBe(`${String(5000).padStart(8)}${String(15000).padStart(8)}\n`);
    expect(r.code).toBe(0);
  });
});
