import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../../test/paths.js';
import { EXIT, runCli } from './program.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const strings = join(FIXTURES, 'strings.component.wasm');
const hello = join(REPO_ROOT, 'examples/hello/hello.wasm');

describe('canonjs validate', () => {
  it('prints OK and a summary line', async () => {
    const r = await cli('validate', strings);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^OK strings\.component\.wasm: component, 60692 bytes, 9 imports, 3 exports, \d+ core modules, 0 nested components, features: mvp\n$/);
  });

  it('prints a decode error with its code and offset, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canonjs-cli-'));
    const bad = join(dir, 'bad.wasm');
    writeFileSync(bad, new Uint8Array([0x00, 0x61, 0x73, 0x6e, 0x0d, 0x00, 0x01, 0x00]));
    const r = await cli('validate', bad);
    expect(r.code).toBe(EXIT.failed);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error decode\/[a-z-]+: .* \(at offset 0x[0-9a-f]+\)\n$/);
  });

  it('a truncated component is rejected with a decode error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canonjs-cli-'));
    const cut = join(dir, 'cut.wasm');
    writeFileSync(cut, readFileSync(hello).subarray(0, 100));
    const r = await cli('validate', cut);
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toMatch(/^error decode\//);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('canonjs inspect', () => {
  it('prints the WIT and the tree', async () => {
    const r = await cli('inspect', strings);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('export roundtrip: func(s: string) -> string;');
    expect(r.out).toContain('Structure:');
    expect(r.out).toContain('├─ core module 0');
  });

  it('--json prints JSON', async () => {
    const r = await cli('inspect', hello, '--json');
    expect(r.code).toBe(EXIT.ok);
    const json = JSON.parse(r.out);
    expect(json.kind).toBe('component');
    expect(json.exports).toEqual([{ name: 'greet', kind: 'func', type: 'func(name: string) -> string' }]);
  });
});

describe('bad arguments', () => {
  it('a missing file is a cli/io error', async () => {
    const r = await cli('inspect', join(tmpdir(), 'no-such-file.wasm'));
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toMatch(/^error cli\/io: cannot read .*no-such-file\.wasm: no such file\n$/);
  });

  it('a directory is a cli/io error', async () => {
    const r = await cli('validate', tmpdir());
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toMatch(/^error cli\/io: cannot read .*: it is a directory\n$/);
  });

  it('an unknown option is cli/bad-arguments', async () => {
    const r = await cli('inspect', strings, '--jsno');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/^error cli\/bad-arguments: bad arguments: unknown option '--jsno'/);
    expect(r.out).toBe('');
  });

  it('a missing file argument is cli/bad-arguments', async () => {
    const r = await cli('validate');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/^error cli\/bad-arguments: bad arguments: missing required argument 'file'/);
  });

  it('an unknown command is cli/bad-arguments', async () => {
    const r = await cli('frobnicate', strings);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/^error cli\/bad-arguments: bad arguments: unknown command 'frobnicate'/);
  });

  it('no arguments prints the help, exit 2', async () => {
    const r = await cli();
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('Usage: canonjs');
    expect(r.err).toContain('inspect');
  });

  it('--help and --version exit 0', async () => {
    expect((await cli('--help')).code).toBe(EXIT.ok);
    expect((await cli('inspect', '--help')).out).toContain('--json');
    const v = await cli('--version');
    expect(v.code).toBe(EXIT.ok);
    expect(v.out.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('the bin', () => {
  it('starts with a node shebang', () => {
    expect(readFileSync(join(REPO_ROOT, 'compiler/cli/main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
