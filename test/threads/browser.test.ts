/**
 * Shared threads in a browser: the compiled output served (cross-origin
 * isolated, so SharedArrayBuffer exists) to headless Chromium through
 * playwright-core. The page's main thread must not block, so it spawns and
 * then polls the sum (`wait(0)` returns at once) between turns of its event
 * loop. Chromium is the system's (`/usr/bin/chromium`, or $CHROMIUM_PATH);
 * without one the test skips, saying so.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { tempDir } from '../tmp.js';
import { ENTRY, SPAWN_INDIRECT } from './components.js';
import { threadComponent } from './encode.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
const chromium = CANDIDATES.find((p) => existsSync(p));
if (!chromium) console.warn(`browser thread tests skipped: no Chromium found (looked at ${CANDIDATES.join(', ')})`);

const PAGE = `<!doctype html><script type="module">
import { instantiate } from './t.js';
globalThis.result = (async () => {
  const e = await instantiate({ log() {} });
  const turn = () => new Promise((r) => setTimeout(r, 5));
  const poll = async (want) => { for (let i = 0; i < 2000 && e.wait(0) !== want; i++) await turn(); return e.wait(0); };
  const out = { isolated: crossOriginIsolated, parallelism: e.parallelism() === navigator.hardwareConcurrency };
  for (let c = 1; c <= 4; c++) e.spawnAt(${ENTRY.add}, c);
  out.sum = await poll(10);
  e.spawnAt(${ENTRY.nest}, 100);
  out.nested = await poll(110);
  try { e.wait(1000); out.blocked = 'returned'; } catch (err) { out.blocked = err.code; }
  return out;
})().catch((err) => ({ error: String(err) }));
</script>`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function serve(root: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/\/$/, '/index.html')));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end();
    }
    // cross-origin isolation: what a page needs for SharedArrayBuffer
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('shared threads in headless Chromium (module workers)', () => {
  test.skipIf(!chromium)('threads add into shared memory, a thread spawns a thread, the main thread cannot block', async () => {
    const { files } = await compile(await threadComponent(SPAWN_INDIRECT), { name: 't', instantiation: 'async' });
    const dir = tempDir('threads-browser');
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    writeFileSync(join(dir, 'index.html'), PAGE);
    const { origin, server } = await serve(dir);
    closers.push(() => new Promise((r) => server.close(r)));
    const { chromium: launcher } = await import('playwright-core');
    const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
    closers.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'result' in globalThis, undefined, { timeout: 20_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result);
    expect(result).toEqual({
      isolated: true,
      parallelism: true,
      sum: 10,
      nested: 110,
      // memory.atomic.wait32 on a page's main thread: the engine refuses, a trap
      blocked: 'trap/core',
    });
  }, 60_000);
});
