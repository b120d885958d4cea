#!/usr/bin/env node
// Turns a wasi-libc core module (clang --target=wasm32-wasi) into a WASI 0.2 component:
//   node scripts/componentize.mjs <core.wasm> -o <out.wasm> [--adapter command|reactor] [--wit <file.wit> --world <name>]
// With --wit, the WIT world is embedded first (componentEmbed), so the component's own
// imports and exports follow it; then componentNew wraps the module with the WASI
// preview1 adapter, which turns the wasi_snapshot_preview1 imports into WASI 0.2 ones.
//
// The adapters ship in the npm package @bytecodealliance/jco (lib/wasi_snapshot_preview1.*.wasm).
// They are taken from `npm pack` of a pinned version into node_modules/.cache/canonjs-adapters,
// so the project needs no dependency on jco itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const JCO_VERSION = '1.35.0';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { adapter: 'command' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o') opts.out = argv[++i];
    else if (a === '--adapter') opts.adapter = argv[++i];
    else if (a === '--wit') opts.wit = argv[++i];
    else if (a === '--world') opts.world = argv[++i];
    else if (!opts.core) opts.core = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!opts.core || !opts.out) throw new Error('usage: componentize.mjs <core.wasm> -o <out.wasm> [--adapter command|reactor] [--wit f.wit --world w]');
  if (opts.adapter !== 'command' && opts.adapter !== 'reactor') throw new Error('--adapter is command or reactor');
  return opts;
}

/** The preview1 adapter from @bytecodealliance/jco@JCO_VERSION, fetched once with `npm pack`. */
export function adapter(kind) {
  const dir = join(root, 'node_modules', '.cache', 'canonjs-adapters', `jco-${JCO_VERSION}`);
  const file = join(dir, 'package', 'lib', `wasi_snapshot_preview1.${kind}.wasm`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const out = execFileSync('npm', ['pack', `@bytecodealliance/jco@${JCO_VERSION}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' });
    const tgz = join(dir, out.trim().split('\n').pop());
    execFileSync('tar', ['xzf', tgz, '-C', dir, 'package/lib/wasi_snapshot_preview1.command.wasm', 'package/lib/wasi_snapshot_preview1.reactor.wasm']);
  }
  return new Uint8Array(readFileSync(file));
}

const opts = parseArgs(process.argv.slice(2));
let bytes = new Uint8Array(readFileSync(opts.core));
if (opts.wit) bytes = await componentEmbed({ binary: bytes, witSource: readFileSync(opts.wit, 'utf8'), world: opts.world });
const component = await componentNew(bytes, [['wasi_snapshot_preview1', adapter(opts.adapter)]]);
writeFileSync(opts.out, component);
console.log(`wrote ${opts.out} (${component.length} bytes)`);
