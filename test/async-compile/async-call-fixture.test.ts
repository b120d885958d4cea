/**
 * The jco-runtime fixture async_call: sync-typed exports whose host import
 * returns a Promise (it needs stack switching):
 *
 *   world root {
 *     import something:test/test-interface;   // call-async, call-sync: func() -> string
 *     export run-async: func() -> string;      // calls call-async
 *     export run-sync: func() -> string;       // calls call-sync
 *   }
 *
 * Compiled with `asyncImports: ['something:test/test-interface#call-async']`:
 * the main core module (reached through wit-component's indirect-call shim)
 * is suspendable; on Node 20 it runs asyncified, on Node 24 with JSPI (and
 * asyncify when forced). Exports of a suspendable instance may return a
 * Promise (asyncify: only when the call suspended; JSPI: always).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.js';
import { FIXTURES } from '../paths.js';
import { node24 } from '../stack-switching/node24.js';

const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'async_call.component.wasm')));
const ASYNC_IMPORT = 'something:test/test-interface#call-async';

/** Compiles into a fresh folder; returns it and the stack report. */
async function build(stackSwitching: 'jspi' | 'asyncify' | 'auto') {
  const dir = mkdtempSync(join(tmpdir(), 'canonjs-async-call-'));
  const r = await compile(bytes, { name: 'ac', instantiation: 'async', asyncImports: [ASYNC_IMPORT], stackSwitching, typescript: false });
  for (const [name, content] of Object.entries(r.files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return { dir, stack: r.stack, files: Object.keys(r.files) };
}

/** The host and the calls; prints one JSON line (also run as a child under Node 24). */
const RUNNER = `
import { instantiate } from './ac.js';
const log = [];
const ex = await instantiate({ 'something:test/test-interface': {
  callAsync: () => new Promise((resolve) => setTimeout(() => { log.push('call-async settles'); resolve('async: ' + log.length); }, 1)),
  callSync: () => { log.push('call-sync'); return 'sync: ' + log.length; },
} });
const a = ex.runAsync();
const aIsPromise = a instanceof Promise;
log.push('runAsync returned');
const av = await a;
const s = ex.runSync();
const sv = await s;
const again = await ex.runAsync();
console.log(JSON.stringify({ aIsPromise, av, sv, again, log }));
`;

function runWith(node: string, dir: string): Record<string, unknown> {
  writeFileSync(join(dir, 'run.mjs'), RUNNER);
  const r = spawnSync(node, [join(dir, 'run.mjs')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

const EXPECTED = {
  aIsPromise: true,
  av: 'async: 2',
  sv: 'sync: 3',
  again: 'async: 4',
  log: ['runAsync returned', 'call-async settles', 'call-sync', 'call-async settles'],
};

describe('async_call (jco-runtime fixture): a sync-typed export whose host import returns a Promise', () => {
  test('only the main core module (behind the shim) can suspend; auto ships it plain and asyncified', async () => {
    const { stack, files } = await build('auto');
    expect(stack.instances.map((i) => [i.instance, i.reasons])).toEqual([[1, [`async import ${ASYNC_IMPORT}`]]]);
    expect(stack.instances[0]!.imports).toEqual(['something:test/test-interface.call-async']);
    expect(files).toContain('ac.core.wasm');
    expect(files).toContain('ac.core.async.wasm');
  }, 120_000);

  test('jspi ships only the plain module, asyncify only the asyncified one', async () => {
    expect((await build('jspi')).files.filter((f) => f.endsWith('.wasm'))).toEqual(['ac.core.wasm']);
    expect((await build('asyncify')).files.filter((f) => f.endsWith('.wasm'))).toEqual(['ac.core.async.wasm']);
  }, 120_000);

  test.skipIf('Suspending' in WebAssembly)('runs on this Node (asyncify without JSPI): runAsync suspends until the host Promise settles', async () => {
    // a child of this very Node (the generated module is plain ESM; no bundler between)
    expect(runWith(process.execPath, (await build('auto')).dir)).toEqual(EXPECTED);
  }, 120_000);

  test.skipIf(!existsSync(node24))('runs on Node 24: JSPI (auto) and asyncify (forced)', async () => {
    expect(runWith(node24, (await build('auto')).dir)).toEqual(EXPECTED);
    expect(runWith(node24, (await build('asyncify')).dir)).toEqual(EXPECTED);
    expect(runWith(node24, (await build('jspi')).dir)).toEqual(EXPECTED);
  }, 120_000);
});
