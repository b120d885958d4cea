/**
 * A component with shared threads (test/threads/components.ts's
 * SPAWN_INDIRECT: threads add into shared memory while the main thread
 * waits) through the plugin, built with Rollup and with Vite and run in
 * Node on workers: its worker script and its memory-importing core module
 * are emitted assets whose hashed URLs the glue gets, as for core modules,
 * and nested spawns (a worker starting a worker) find the script too.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ENTRY, SPAWN_INDIRECT } from '../threads/components.js';
import { threadComponent } from '../threads/encode.js';
import canonjs from '../../compiler/bundler/index.js';
import { makeProject, pluginOptions, removeProjects, rollupBuild, runInNode, viteBuild } from './project.js';

afterAll(removeProjects);

const MAIN = `import { run, spawnAt, wait } from './threads.wasm?component';
globalThis.bundlerResult = Promise.resolve({
  eight: run(8), // 1 + … + 8 added by eight threads
  three: run(3), // the same store spawns again
  // a thread that spawns one adding 5: the 4th to finish since run(3) reset the count, the sum 6 + 5
  nested: (spawnAt(${ENTRY.nest}, 5), wait(4)),
});
`;
const EXPECTED = { eight: 36, three: 6, nested: 11 };

/** The plugin options: core modules as files, `log` from a host module, no async imports. */
const OPTIONS = { inlineCutoff: 0, asyncImports: [], map: { log: './log.js' } };

/** The bundler project with MAIN as its entry (index.html loads main.js). */
async function threadsProject(): Promise<string> {
  const dir = await makeProject();
  writeFileSync(join(dir, 'threads.wasm'), await threadComponent(SPAWN_INDIRECT));
  writeFileSync(join(dir, 'log.js'), 'export default () => {};\n');
  writeFileSync(join(dir, 'main.js'), MAIN);
  return dir;
}

/** The built glue imports no canonjs virtual module and loads nothing by a relative literal URL: the bundler's URLs only. */
function expectBundlerUrls(code: string): void {
  expect(code).not.toMatch(/(import|from)\s*["']\0?canonjs-core/);
  expect(code).not.toMatch(/new URL\(["']\.\/threads\./);
}

describe('shared threads through the plugin', () => {
  test('Rollup: the worker script and the patched core module are emitted assets; the build runs on workers', async () => {
    const dir = await threadsProject();
    const files = await rollupBuild(dir, 'main.js', OPTIONS);
    const worker = files.find((f) => /^assets\/threads\.worker-[\w-]+\.js$/.test(f));
    expect(worker, files.join(', ')).toBeDefined();
    expect(files).toContainEqual(expect.stringMatching(/^assets\/threads\.core\.thread-[\w-]+\.wasm$/));
    expect(readFileSync(join(dir, 'out', worker!), 'utf8')).toContain('threadWorkerMain()');
    const main = readFileSync(join(dir, 'out/main.js'), 'utf8');
    expectBundlerUrls(main);
    expect(main).toContain(`new URL('${worker}', import.meta.url)`);
    expect(await runInNode(join(dir, 'out/main.js'))).toEqual(EXPECTED);
  });

  test('Vite: the same, in an app build', async () => {
    const dir = await threadsProject();
    const entry = await viteBuild(dir, OPTIONS);
    const assets = readdirSync(join(dir, 'dist/assets'));
    const worker = assets.find((f) => /^threads\.worker-[\w-]+\.js$/.test(f));
    expect(worker, assets.join(', ')).toBeDefined();
    expect(assets).toContainEqual(expect.stringMatching(/^threads\.core\.thread-[\w-]+\.wasm$/));
    const code = readFileSync(entry, 'utf8');
    expectBundlerUrls(code);
    expect(code).toContain(worker);
    expect(await runInNode(entry)).toEqual(EXPECTED);
  });

  test("Vite's dev server serves the worker script as JavaScript", async () => {
    const { createServer } = await import('vite');
    const dir = await threadsProject();
    const server = await createServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [canonjs(pluginOptions(OPTIONS))],
      server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
    });
    try {
      await server.listen();
      const origin = `http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}`;
      const get = async (path: string) => {
        const r = await fetch(origin + path);
        expect(r.status, path).toBe(200);
        return r;
      };
      // the URLs a browser would follow: main.js's import of the component, the glue's of the worker's URL, the script
      const main = await (await get('/main.js')).text();
      const component = /from "(\/threads\.wasm\?[^"]*component[^"]*)"/.exec(main)?.[1];
      expect(component, main).toBeDefined();
      const glue = await (await get(component!)).text();
      const urlModule = /from "(\/@id\/__x00__canonjs-core:[^"]+\/threads\.worker\.js(?:\?import)?)"/.exec(glue)?.[1];
      expect(urlModule, glue.slice(0, 600)).toBeDefined();
      const url = /export default "([^"]+)"/.exec(await (await get(urlModule!)).text())?.[1];
      expect(url).toMatch(/^\/@canonjs\/[0-9a-f]{16}\/threads\.worker\.js$/);
      const script = await get(url!);
      expect(script.headers.get('content-type')).toBe('text/javascript');
      expect(await script.text()).toContain('threadWorkerMain()');
    } finally {
      await server.close();
    }
  });
});
