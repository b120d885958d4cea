/**
 * Browser smoke test: the project built with Vite (and served by Vite's dev
 * server) runs in headless Chromium through playwright-core — a sync
 * component (`greet`) and one that blocks on a host Promise (`f`), which
 * canonjs runs under JSPI where `WebAssembly.Suspending` exists and under
 * asyncify otherwise. Chromium is the system's (`/usr/bin/chromium`, or
 * $CHROMIUM_PATH); where there is none the tests skip, saying so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import canonjs from '../../compiler/bundler/index.js';
import { EXPECTED, makeProject, pluginOptions, removeProjects, viteBuild } from './project.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
const chromium = CANDIDATES.find((p) => existsSync(p));
const NO_CHROMIUM = `no Chromium found (looked at ${CANDIDATES.join(', ')}); install one (Debian: apt-get install chromium) or set CHROMIUM_PATH`;

let browser: Browser | undefined;

beforeAll(async () => {
  // the skip's note shows in verbose reports only: say it in every report
  if (!chromium) return console.warn(`browser tests skipped: ${NO_CHROMIUM}`);
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  removeProjects();
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** A static file server for `root` on 127.0.0.1 (a free port); resolves to its origin. */
function serve(root: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

interface PageRun {
  result: unknown;
  /** whether the page's engine has JSPI */
  jspi: boolean;
  /** the .wasm files the page fetched (base names, hashes dropped) */
  wasm: string[];
}

/** Opens `url`, awaits the entry's `globalThis.bundlerResult`, and notes the core modules fetched. */
async function runPage(url: string): Promise<PageRun> {
  const page = await browser!.newPage();
  const wasm: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop()!;
    if (name.endsWith('.wasm')) wasm.push(name.replace(/-[\w-]{8}\.wasm$/, '.wasm'));
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'bundlerResult' in globalThis, undefined, { timeout: 20_000 }).catch(() => {
      throw new Error(`the page set no result; its errors: ${errors.join('\n') || 'none'}`);
    });
    const result = await page.evaluate(() => (globalThis as unknown as { bundlerResult: Promise<unknown> }).bundlerResult);
    const jspi = await page.evaluate(() => typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === 'function');
    return { result, jspi, wasm: wasm.sort() };
  } finally {
    await page.close();
  }
}

describe('canonjs/vite in headless Chromium', () => {
  test('a Vite build runs: the sync component, and the blocking one under JSPI', async (ctx) => {
    if (!browser) return ctx.skip(NO_CHROMIUM);
    const dir = await makeProject();
    await viteBuild(dir);
    const { origin, server } = await serve(join(dir, 'dist'));
    try {
      const run = await runPage(`${origin}/`);
      expect(run.result).toEqual(EXPECTED);
      // JSPI shipped in Chrome 137
      if (Number(browser.version().split('.')[0]) >= 137) expect(run.jspi).toBe(true);
      // canonjs picks JSPI where WebAssembly.Suspending exists: the plain core module, not the asyncified one
      expect(run.wasm).toEqual(run.jspi ? ['hello.core.wasm', 'slow.core.wasm'] : ['hello.core.wasm', 'slow.core.async.wasm']);
      console.log(`Chromium ${browser.version()}: JSPI ${run.jspi ? 'present' : 'absent'}; fetched ${run.wasm.join(', ')}`);
    } finally {
      server.close();
    }
  });

  test('a build with stackSwitching: asyncify runs the blocking component through asyncify', async (ctx) => {
    if (!browser) return ctx.skip(NO_CHROMIUM);
    const dir = await makeProject();
    await viteBuild(dir, { stackSwitching: 'asyncify' });
    const { origin, server } = await serve(join(dir, 'dist'));
    try {
      const run = await runPage(`${origin}/`);
      expect(run.result).toEqual(EXPECTED);
      expect(run.wasm).toEqual(['hello.core.wasm', 'slow.core.async.wasm']);
    } finally {
      server.close();
    }
  });

  test("Vite's dev server: the components compile on request and run", async (ctx) => {
    if (!browser) return ctx.skip(NO_CHROMIUM);
    const { createServer: createViteServer } = await import('vite');
    const dir = await makeProject();
    const server = await createViteServer({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [canonjs(pluginOptions())],
      server: { host: '127.0.0.1', port: 0, ws: false },
    });
    try {
      await server.listen();
      const run = await runPage(`http://127.0.0.1:${(server.httpServer!.address() as { port: number }).port}/`);
      expect(run.result).toEqual(EXPECTED);
      expect(run.wasm).toContain('hello.core.wasm');
    } finally {
      await server.close();
    }
  });
});
