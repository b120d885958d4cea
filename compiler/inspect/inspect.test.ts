import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT } from '../../test/paths.js';
import { reportJson } from './json.js';
import { renderReport } from './render.js';
import { inspect, type ComponentReport, type ModuleReport } from './report.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('inspect strings.component.wasm', () => {
  const report = inspect(fixture('strings.component.wasm')) as ComponentReport;
  const text = renderReport('strings.component.wasm', report);

  it('is a component with its imports and exports', () => {
    expect(report.kind).toBe('component');
    expect(report.size).toBe(60692);
    expect(report.imports.map((i) => i.name)).toEqual([
      'test:strings/imports',
      'wasi:io/error@0.2.0',
      'wasi:io/streams@0.2.0',
      'wasi:cli/stdin@0.2.0',
      'wasi:cli/stdout@0.2.0',
      'wasi:cli/stderr@0.2.0',
      'wasi:clocks/wall-clock@0.2.0',
      'wasi:filesystem/types@0.2.0',
      'wasi:filesystem/preopens@0.2.0',
    ]);
    expect(report.exports).toEqual([
      { name: 'test-imports', kind: 'func', type: 'func()' },
      { name: 'return-empty', kind: 'func', type: 'func() -> string' },
      { name: 'roundtrip', kind: 'func', type: 'func(s: string) -> string' },
    ]);
  });

  it('prints the world as WIT', () => {
    expect(text).toContain('strings.component.wasm: component, 60,692 bytes');
    expect(text).toContain('  world root {');
    expect(text).toContain('    import test:strings/imports: interface {');
    expect(text).toContain('      take-basic: func(s: string);');
    expect(text).toContain('      return-unicode: func() -> string;');
    expect(text).toContain('    export test-imports: func();');
    expect(text).toContain('    export return-empty: func() -> string;');
    expect(text).toContain('    export roundtrip: func(s: string) -> string;');
    // WASI resources, with `use` across interfaces
    expect(text).toContain('    import wasi:io/error@0.2.0: interface {');
    expect(text).toContain('      resource error;');
    expect(text).toMatch(/ {6}resource output-stream \{\n {8}check-write: func\(\) -> result<u64, stream-error>;/);
    expect(text).toContain('      use wasi:io/error@0.2.0.{error};');
    expect(text).toMatch(/ {8}blocking-write-and-flush: func\(contents: list<u8>\) -> result<_, stream-error>;/);
  });

  it('prints the tree with sizes and the built-ins by feature', () => {
    expect(text).toMatch(/^ {2}component: 60,692 bytes$/m);
    expect(text).toMatch(/^ {2}├─ core module 0( "[^"]*")?: [\d,]+ bytes, \d+ imports?, \d+ exports?, memory i32 \d+\.\. pages/m);
    expect(text).toMatch(/core instance \d+ = instantiate core module 0 with \{/);
    expect(text).toMatch(/^ {2}sync: lift ×3, lower ×\d+/m);
    expect(text).toContain('Features: mvp');
    const modules = report.tree.children.filter((c) => c.kind === 'core-module');
    expect(modules.length).toBe(report.coreModules.count);
    expect(report.coreModules.sizes.reduce((a, b) => a + b, 0)).toBeLessThan(report.size);
  });

  it('--json round-trips the same report', () => {
    const json = JSON.parse(reportJson(report)) as ComponentReport;
    expect(json.kind).toBe('component');
    expect(json.exports).toEqual(report.exports);
    expect(json.wit).toBe(report.wit);
    expect(json.builtins[0]!.feature).toBe('sync');
  });
});

describe('inspect on every fixture', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.wasm'));
  it.each(files)('%s', (file) => {
    const report = inspect(fixture(file)) as ComponentReport;
    expect(report.kind).toBe('component');
    const text = renderReport(file, report);
    expect(text).toContain('world root');
    // every export shows up in the WIT
    for (const e of report.exports) expect(report.wit).toContain(`export ${e.name}`);
    expect(JSON.parse(reportJson(report)).size).toBe(report.size);
  });

  it('async_call shows its nested structure and the world from its .wit', () => {
    const report = inspect(fixture('async_call.component.wasm')) as ComponentReport;
    const wit = readFileSync(join(FIXTURES, 'async_call.component.wit'), 'utf8');
    for (const m of wit.matchAll(/^\s+(import|export) ([^:;\s]+)/gm)) expect(report.wit).toContain(`${m[1]} ${m[2]}`);
  });
});

describe('inspect on a core module', () => {
  it('says it is a core module and lists imports, exports and memories', async () => {
    const bytes = await parse(`(module
      (import "env" "log" (func (param i32 i64) (result f32)))
      (import "env" "mem" (memory 1 2))
      (memory (export "heap") 3)
      (func (export "run")))`);
    const report = inspect(bytes) as ModuleReport;
    expect(report.kind).toBe('module');
    expect(report.imports.map((i) => `${i.module}.${i.name}: ${i.type}`)).toEqual([
      'env.log: func (i32, i64) -> (f32)',
      'env.mem: memory i32 1..2 pages',
    ]);
    expect(report.exports.map((e) => `${e.name} ${e.kind}`)).toEqual(['heap memory', 'run func']);
    const text = renderReport('m.wasm', report);
    expect(text).toContain('m.wasm: a core WebAssembly module (not a component)');
    expect(text).toContain('  0 (imported env.mem): memory i32 1..2 pages');
    expect(text).toContain('  1: memory i32 3.. pages');
  });

  it('shows memory64, shared memories and custom page sizes', async () => {
    const bytes = await parse(`(module
      (memory i64 1)
      (memory 1 4 shared)
      (memory 0 (pagesize 1)))`);
    const text = renderReport('m.wasm', inspect(bytes));
    expect(text).toContain('  0: memory i64 1.. pages');
    expect(text).toContain('  1: memory i32 1..4 pages shared');
    expect(text).toContain('  2: memory i32 0.. pages, 1-byte pages');
  });
});

describe('inspect on the bundled example', () => {
  it('shows greet', () => {
    const report = inspect(new Uint8Array(readFileSync(join(REPO_ROOT, 'examples/hello/hello.wasm')))) as ComponentReport;
    expect(report.wit).toBe('world root {\n  export greet: func(name: string) -> string;\n}\n');
    expect(report.builtins).toEqual([{ feature: 'sync', builtins: [{ name: 'lift', count: 1 }] }]);
    expect(report.tree.children.map((c) => c.kind)).toEqual(['core-module', 'core-instance']);
  });
});
