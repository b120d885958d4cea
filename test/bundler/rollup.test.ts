/**
 * The canonjs plugin under plain Rollup: a build whose output runs in Node
 * (core modules as emitted assets), `include` for files imported without
 * `?component`, compile errors as build errors with the file and byte
 * offset, and watch mode recompiling a changed component.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { EXPECTED, HELLO_WAT, makeProject, pluginOptions, removeProjects, rollupBuild, runInNode } from './project.js';
import canonjs from '../../compiler/bundler/index.js';
import { defaultName } from '../../compiler/bundler/options.js';

afterAll(removeProjects);

describe('canonjs/rollup', () => {
  test('a build emits the core modules as assets and its output runs in Node', async () => {
    const dir = await makeProject();
    const files = await rollupBuild(dir);
    const wasm = files.filter((f) => f.endsWith('.wasm')).sort();
    expect(wasm).toEqual([
      expect.stringMatching(/^assets\/hello\.core-[\w-]+\.wasm$/),
      expect.stringMatching(/^assets\/slow\.core-[\w-]+\.wasm$/),
      expect.stringMatching(/^assets\/slow\.core\.async-[\w-]+\.wasm$/),
    ]);
    for (const f of wasm) expect([...readFileSync(join(dir, 'out', f)).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    const main = readFileSync(join(dir, 'out/main.js'), 'utf8');
    expect(main).not.toContain('canonjs-core');
    expect(main).toContain(`new URL('${wasm[0]}', import.meta.url)`);
    expect(await runInNode(join(dir, 'out/main.js'))).toEqual(EXPECTED);
    // the glue's source map leads to the component binaries
    const map = JSON.parse(readFileSync(join(dir, 'out/main.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources).toEqual(expect.arrayContaining(['../hello.wasm', '../slow.wasm', '../host.js', '../main.js']));
  });

  test('include compiles matching files imported without the query; others are left alone', async () => {
    const dir = await makeProject();
    writeFileSync(join(dir, 'app.component.wasm'), readFileSync(join(dir, 'hello.wasm')));
    writeFileSync(join(dir, 'inc.js'), `import { greet } from './app.component.wasm';\nglobalThis.bundlerResult = Promise.resolve(greet('include'));\n`);
    await rollupBuild(dir, 'inc.js', { include: '.component.wasm', inlineCutoff: 4096 });
    expect(await runInNode(join(dir, 'out/inc.js'))).toBe('Hello, include!');
    // without include the same import is no component: Rollup parses the binary as JS and fails
    await expect(rollupBuild(dir, 'inc.js', {})).rejects.toThrow();
  });

  test('a compile error is a build error naming the component file and the byte offset', async () => {
    const dir = await makeProject();
    const bad = await parse(HELLO_WAT);
    bad[4] = 0x0c; // version 0x0c: not a component of this binary version
    writeFileSync(join(dir, 'hello.wasm'), bad);
    const error = await rollupBuild(dir).then(
      () => undefined,
      (e: unknown) => e as { message: string; id?: string; pluginCode?: string; loc?: unknown; meta?: unknown; plugin?: string },
    );
    expect(error).toBeDefined();
    expect(error!.plugin).toBe('canonjs');
    expect(error!.id).toBe(join(dir, 'hello.wasm'));
    expect(error!.pluginCode).toMatch(/^decode\//);
    expect(error!.message).toContain(join(dir, 'hello.wasm'));
    expect(error!.message).toMatch(/\(at offset 0x4\)/);
    expect(error!.loc).toEqual({ file: join(dir, 'hello.wasm'), line: 1, column: 4 });
    expect(error!.meta).toEqual({ code: error!.pluginCode, offset: 4 });
  });

  test('watch mode recompiles a component when its file changes', async () => {
    const { watch } = await import('rollup');
    const dir = await makeProject();
    const watcher = watch({
      input: join(dir, 'main.js'),
      plugins: [canonjs(pluginOptions())],
      output: { dir: join(dir, 'out'), format: 'es' },
      watch: { buildDelay: 0 },
      logLevel: 'silent',
    });
    const greetings: unknown[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        watcher.on('event', (event) => {
          if (event.code === 'ERROR') reject(event.error);
          if (event.code === 'BUNDLE_END') void event.result.close();
          if (event.code !== 'END') return;
          runInNode(join(dir, 'out/main.js')).then((r) => {
            greetings.push((r as typeof EXPECTED).greet);
            if (greetings.length === 2) return resolve();
            // the component changes: a new greeting, same length
            return parse(HELLO_WAT.replace('"Hello, "', '"Howdy, "')).then((b) => writeFileSync(join(dir, 'hello.wasm'), b));
          }, reject);
        });
      });
    } finally {
      await watcher.close();
    }
    expect(greetings).toEqual(['Hello, bundler!', 'Howdy, bundler!']);
    expect(existsSync(join(dir, 'out/main.js'))).toBe(true);
  });

  test('canonjs/rollup and canonjs/vite are the package exports of one plugin (the build in dist/)', async () => {
    const rollupEntry = (await import('canonjs/rollup')) as { default: typeof canonjs };
    const viteEntry = (await import('canonjs/vite')) as { default: typeof canonjs };
    expect(viteEntry.default).toBe(rollupEntry.default);
    const plugin = rollupEntry.default({ include: '.component.wasm' });
    expect(plugin).toMatchObject({ name: 'canonjs', enforce: 'pre' });
    expect(Object.keys(plugin).sort()).toEqual(['configResolved', 'configureServer', 'enforce', 'load', 'name', 'resolveId']);
  });

  test('a component is named after its file', () => {
    expect(defaultName('/p/app.component.wasm')).toBe('app');
    expect(defaultName('/p/my app.wasm')).toBe('my_app');
    expect(defaultName('/p/.wasm')).toBe('component');
  });
});
