/**
 * Measurements for the bench issue, printed and not asserted (timings vary):
 * asyncify compile time per MB of core code (the largest core module of each
 * jco-runtime fixture, every function import suspending vs one), and call
 * overhead of asyncify vs JSPI on Node 24. Slow (~30 s): runs only with
 * CANONJS_MEASURE=1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../../compiler/binary/decode.js';
import { asyncifyModule, asyncifyModuleWithStats } from '../../compiler/transform/asyncify.js';
import { loadBinaryen } from '../../compiler/transform/binaryen.js';
import { measureCalls, CORE_WAT, SUSPENDING_IMPORTS } from './scenarios.js';
import { node24, runUnderNode24 } from './node24.js';

const FIXTURES = '/work/shared/fixtures/jco-runtime';
const on = process.env.CANONJS_MEASURE === '1';

function largestCoreModule(file: string) {
  const c = decodeComponent(new Uint8Array(readFileSync(`${FIXTURES}/${file}`)));
  const mods = c.defs.flatMap((d) => (d.kind === 'core-module' ? [d.module] : []));
  return mods.sort((a, b) => b.bytes.length - a.bytes.length)[0]!;
}

describe.skipIf(!on)('stack-switching measurements (CANONJS_MEASURE=1)', () => {
  it('asyncify compile time per MB of core code', async () => {
    const t0 = performance.now();
    await loadBinaryen();
    console.log(`binaryen.js import: ${(performance.now() - t0).toFixed(0)} ms`);
    for (const file of ['lists.component.wasm', 'variants.component.wasm', 'flavorful.component.wasm']) {
      if (!existsSync(`${FIXTURES}/${file}`)) continue;
      const m = largestCoreModule(file);
      const funcImports = m.imports.filter((i) => i.desc.kind === 'func').map(({ module, name }) => ({ module, name }));
      const mb = m.bytes.length / 1e6;
      for (const [label, imports] of [['all imports', funcImports], ['one import', funcImports.slice(0, 1)]] as const) {
        for (const level of [1, 2] as const) {
          const r = await asyncifyModuleWithStats(m.bytes, { imports: [...imports], optimizeLevel: level, cacheDir: false });
          expect(WebAssembly.validate(r.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
          console.log(
            `${file} core ${m.bytes.length} B, ${label} (${imports.length}), -O${level}: ${r.ms.toFixed(0)} ms = ${(r.ms / 1000 / mb).toFixed(1)} s/MB; output ${r.bytes.length} B (x${(r.bytes.length / m.bytes.length).toFixed(2)})`,
          );
        }
      }
    }
  }, 600_000);

  it('call overhead: asyncify (Node 20, and Node 24) vs JSPI (Node 24)', async () => {
    const plain = await parse(CORE_WAT);
    const asyncified = await asyncifyModule(plain, { imports: SUSPENDING_IMPORTS });
    const n = 20000;
    const a20 = await measureCalls('asyncify', asyncified, n);
    console.log(`Node 20 asyncify: no suspension ${a20.noSuspendNs.toFixed(0)} ns/call, one suspension ${a20.suspendNs.toFixed(0)} ns/call`);
    if (!existsSync(node24)) return;
    const got = runUnderNode24(plain, asyncified, n) as { bench: Record<string, { noSuspendNs: number; suspendNs: number }>; rawJspi: string };
    for (const [k, v] of Object.entries(got.bench)) {
      console.log(`Node 24 ${k}: no suspension ${v.noSuspendNs.toFixed(0)} ns/call, one suspension ${v.suspendNs.toFixed(0)} ns/call`);
    }
    console.log(`Node 24 JSPI without a promising entry: ${got.rawJspi}`);
    expect(got.bench.jspi!.suspendNs).toBeGreaterThan(0);
  }, 600_000);
});
