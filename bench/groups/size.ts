/**
 * Generated JS size, unminified and gzipped: the one-function component
 * (bench/components/one-function.wat; target ≤ 3 KB) and each jco-runtime
 * fixture (detail rows). Only .js files count: core modules are separate
 * files (no base64 inlining) and no .d.ts is emitted.
 */
import { gzipSync } from 'node:zlib';
import { benchComponent } from '../components.js';
import { commonFixtures, fixtures } from '../fixtures.js';
import { na, type Cell, type Row } from '../harness.js';
import { compileWith, jsTexts, reason, refused, type Files, type NA, type Tool } from '../tools.js';

function sizes(out: Files | NA): [Cell, Cell] {
  if (refused(out)) return [na(out.na), na(out.na)];
  const texts = jsTexts(out);
  const plain = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const gz = texts.reduce((n, t) => n + gzipSync(t, { level: 9 }).length, 0);
  return [{ value: plain }, { value: gz }];
}

function rows(input: string, out: Record<Tool, Files | NA>, detail: boolean, target?: number): Row[] {
  const [cPlain, cGz] = sizes(out.canonjs);
  const [jPlain, jGz] = sizes(out.jco);
  const base = { group: 'size', input, unit: 'bytes' as const, floor: na(), ...(detail ? { detail: true } : {}) };
  return [
    { ...base, name: 'generated JS', canonjs: cPlain, jco: jPlain, ...(target ? { target: { vs: 'value' as const, max: target } } : {}) },
    { ...base, name: 'generated JS, gzip -9', canonjs: cGz, jco: jGz },
  ];
}

export async function sizeGroup(): Promise<Row[]> {
  const one = await benchComponent('one-function');
  const out = {} as Record<Tool, Files | NA>;
  for (const tool of ['canonjs', 'jco'] as const) {
    try {
      out[tool] = await compileWith(tool, one);
    } catch (e) {
      out[tool] = { na: reason(e) };
    }
  }
  const result = rows('one-function component', out, false, 3 * 1024);
  const all = await fixtures();
  const common = await commonFixtures();
  // the fixtures both compile, summed, for the summary table
  const merged = (tool: Tool): Files => Object.assign({}, ...common.map((f, i) => prefixed(f.out[tool] as Files, i)));
  result.push(...rows(`${common.length} fixtures both compile (sum)`, { canonjs: merged('canonjs'), jco: merged('jco') }, false));
  for (const f of all) result.push(...rows(f.file, f.out, true));
  return result;
}

function prefixed(files: Files, i: number): Files {
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [`${i}/${name}`, data]));
}
