/**
 * The canonjs plugin under Vite 8 (Rolldown inside): an app build whose
 * output runs in Node, a compile error as a build error, the dev server
 * serving the core modules, and — without the plugin — canonjs output
 * shipped as plain JS, whose `new URL('./x.wasm', import.meta.url)` Vite
 * bundles on its own.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { compile } from '../../compiler/compile.js';
import canonjs from '../../compiler/bundler/index.js';
import { EXPECTED, HELLO_WAT, makeProject, pluginOptions, removeProjects, runInNode, viteBuild } from './project.js';

afterAll(removeProjects);

describe('canonjs/vite', () => {
  test('an app build emits the core modules as assets and its output runs in Node', async () => {
    const dir = await makeProject();
    const entry = await viteBuild(dir);
    const assets = readdirSync(join(dir, 'dist/assets'));
    expect(assets.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/-[\w-]+\.wasm$/, '')).sort()).toEqual(['hello.core', 'slow.core', 'slow.core.async']);
    // one JS chunk: no browser stub for node:fs, no canonjs virtual ids left
    expect(assets.filter((f) => f.endsWith('.js'))).toHaveLength(1);
    expect(readFileSync(entry, 'utf8')).not.toMatch(/\0|__vite-browser-external/);
    expect(await runInNode(entry)).toEqual(EXPECTED);
  });

  test('a compile error fails the build, naming the component file and the byte offset', async () => {
    const dir = await makeProject();
    const bytes = await parse(HELLO_WAT);
    writeFileSync(join(dir, 'hello.wasm'), bytes.subarray(0, 40)); // cut inside a section
    const error = await viteBuild(dir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeDefined();
    expect(error!.message).toContain(join(dir, 'hello.wasm'));
    expect(error!.message).toMatch(/decode\/[\w-]+: .*\(at offset 0x[0-9a-f]+\)/);
  });

  test('the dev server compiles on request and serves the core modules', async () => {
    const { createServer } = await import('vite');
    const dir = await makeProject();
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [canonjs(pluginOptions())],
      server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
    });
    try {
      await server.listen();
      const address = server.httpServer!.address() as { port: number };
      const origin = `http://127.0.0.1:${address.port}`;
      const get = async (path: string) => {
        const r = await fetch(origin + path);
        expect(r.status, path).toBe(200);
        return r;
      };
      // the URLs a browser would follow: main.js's import of the component, then the glue's of the core module
      const main = await (await get('/main.js')).text();
      const component = /from "(\/hello\.wasm\?[^"]*component[^"]*)"/.exec(main)?.[1];
      expect(component, main).toBeDefined();
      const glue = await (await get(component!)).text();
      const urlModule = /from "(\/@id\/__x00__canonjs-core:[^"]+\/hello\.core\.wasm(?:\?import)?)"/.exec(glue)?.[1];
      expect(urlModule, glue.slice(0, 400)).toBeDefined();
      const url = /export default "([^"]+)"/.exec(await (await get(urlModule!)).text())?.[1];
      expect(url).toMatch(/^\/@canonjs\/[0-9a-f]{16}\/hello\.core\.wasm$/);
      const wasm = await get(url!);
      expect(wasm.headers.get('content-type')).toBe('application/wasm');
      const { files } = await compile(await parse(HELLO_WAT), { name: 'hello', inlineCutoff: 0 });
      expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(files['hello.core.wasm']);

      // the component changes: once the watcher has seen it, the glue is recompiled (a new key)
      const changed = new Promise((resolve, reject) => {
        server.watcher.on('change', (p) => p === join(dir, 'hello.wasm') && resolve(p));
        setTimeout(() => reject(new Error("Vite's watcher reported no change of hello.wasm within 10 s")), 10_000).unref();
      });
      writeFileSync(join(dir, 'hello.wasm'), await parse(HELLO_WAT.replace('"Hello, "', '"Howdy, "')));
      await changed;
      let again = glue;
      for (let i = 0; i < 50 && again === glue; i++) {
        await new Promise((r) => setTimeout(r, 20));
        again = await (await get(component!)).text();
      }
      expect(again).not.toBe(glue);
      expect(again).toMatch(/canonjs-core:[0-9a-f]{16}\/hello\.core\.wasm/);
      expect(again.match(/canonjs-core:([0-9a-f]{16})/)![1]).not.toBe(urlModule!.match(/canonjs-core:([0-9a-f]{16})/)![1]);
    } finally {
      await server.close();
    }
  });

  test('without the plugin, compiled output bundles as it is: Vite follows new URL(./file, import.meta.url)', async () => {
    const dir = await makeProject();
    const { files } = await compile(await parse(HELLO_WAT), { name: 'hello', inlineCutoff: 0 });
    mkdirSync(join(dir, 'pkg'));
    for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, 'pkg', file), contents);
    writeFileSync(join(dir, 'main.js'), `import { greet } from './pkg/hello.js';\nglobalThis.bundlerResult = Promise.resolve(greet('package'));\n`);
    const { build } = await import('vite');
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      base: './',
      // a file, not a data: URL (the core module is under Vite's 4 KiB inline limit)
      build: { outDir: 'dist', minify: false, target: 'esnext', modulePreload: { polyfill: false }, assetsInlineLimit: 0 },
    });
    const assets = readdirSync(join(dir, 'dist/assets'));
    expect(assets.filter((f) => f.endsWith('.wasm'))).toEqual([expect.stringMatching(/^hello\.core-[\w-]+\.wasm$/)]);
    const entry = join(dir, 'dist/assets', assets.find((f) => f.endsWith('.js'))!);
    expect(await runInNode(entry)).toBe('Hello, package!');
  });
});
