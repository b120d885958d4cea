import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median, na, type Row } from '../../bench/harness.js';
import {
  README_END,
  README_START,
  consoleTable,
  formatRatio,
  formatValue,
  markdownFull,
  markdownTable,
  results,
  targetList,
  targetStatus,
  writeResults,
} from '../../bench/report.js';

const call: Row = {
  group: 'calls',
  name: 'f() -> u32',
  input: 'export call',
  unit: 'time',
  canonjs: { value: 5, samples: 90, rme: 1.5 },
  jco: { value: 2500, samples: 90, rme: 2 },
  floor: { value: 2.5, samples: 90, rme: 1 },
  target: { vs: 'floor', max: 3 },
  note: 'floor: the raw core export',
};
const list: Row = {
  group: 'lists',
  name: 'sum(list<u8>) -> u32',
  input: '64 KiB',
  unit: 'time',
  canonjs: { value: 4_000 },
  jco: { value: 6_000 },
  floor: { value: 2_000 },
  target: { vs: 'floor', max: 1.2 },
};
const resource: Row = {
  group: 'resources',
  name: 'create + drop',
  input: '',
  unit: 'time',
  canonjs: na('compile/unsupported: not supported yet: resource.new'),
  jco: { value: 8_000 },
  floor: { value: 20 },
};
const size: Row = {
  group: 'size',
  name: 'generated JS',
  input: 'one-function component',
  unit: 'bytes',
  canonjs: { value: 3000 },
  jco: { value: 90 * 1024 },
  floor: na(),
  target: { vs: 'value', max: 3 * 1024 },
};
const fixture: Row = { ...size, input: 'adder.component.wasm', target: undefined, detail: true };

describe('bench report', () => {
  it('formats times, sizes and ratios', () => {
    expect(formatValue(2.391, 'time')).toBe('2.39 ns');
    expect(formatValue(294.4, 'time')).toBe('294 ns');
    expect(formatValue(12_345, 'time')).toBe('12.3 µs');
    expect(formatValue(3.2e8, 'time')).toBe('320 ms');
    expect(formatValue(3033, 'bytes')).toBe('3033 B');
    expect(formatValue(90 * 1024, 'bytes')).toBe('90.0 KiB');
    expect(formatRatio(1.234)).toBe('1.23×');
    expect(formatRatio(0.00093)).toBe('0.00093×');
    expect(formatRatio(850.2)).toBe('850×');
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('checks targets against the floor, jco or a value', () => {
    expect(targetStatus(call)).toEqual({ met: true, measured: '2.00×', over: 2 / 3 });
    expect(targetStatus(list)).toMatchObject({ met: false, measured: '2.00×' });
    expect(targetStatus(size)).toMatchObject({ met: true, measured: '3000 B' });
    expect(targetStatus(resource)).toBeUndefined();
  });

  it('prints a console table with both tools, the floor and the ratios', () => {
    const lines = consoleTable([call, resource]).split('\n');
    expect(lines[0]).toMatch(/^group\s+benchmark\s+input\s+canonjs\s+jco\s+floor\s+canonjs\/jco\s+canonjs\/floor\s+target\s+notes$/);
    expect(lines[1]).toMatch(/^calls\s+f\(\) -> u32\s+export call\s+5\.00 ns\s+2\.50 µs\s+2\.50 ns\s+0\.0020×\s+2\.00×\s+≤ 3× floor ✓\s+floor: the raw core export$/);
    expect(lines[2]).toMatch(/\s+n\/a\s+8\.00 µs\s+20\.0 ns\s+.*canonjs n\/a: compile\/unsupported: not supported yet: resource\.new$/);
  });

  it('writes markdown with escaped type names, the target list, and detail rows only in latest.md', () => {
    const res = results([call, list, resource, size, fixture], 42);
    const md = markdownTable(res);
    expect(md).toContain('| lists | `sum(list<u8>) -> u32` | 64 KiB | 4.00 µs | 6.00 µs | 2.00 µs | 0.67× | 2.00× | ≤ 1.2× floor ✗ |  |');
    expect(md).not.toContain('adder.component.wasm');
    expect(targetList(res.rows)).toEqual([
      '- `f() -> u32` export call: ≤ 3× floor: met, 2.00×',
      '- `sum(list<u8>) -> u32` 64 KiB: ≤ 1.2× floor: missed, 2.00× (67 % over)',
      '- `generated JS` one-function component: ≤ 3072 B: met, 3000 B',
    ]);
    expect(md).toMatch(/full run 42 s\.\n$/);
    const full = markdownFull(res);
    expect(full).toMatch(/## Per fixture\n\n\| group [^\n]*\n[^\n]*\n\| size \| `generated JS` \| adder\.component\.wasm \| 3000 B \| 90\.0 KiB \| — \| 0\.033× \|/);
  });

  it('writes latest.json, latest.md and the README table between the markers', () => {
    const root = mkdtempSync(join(tmpdir(), 'canonjs-bench-'));
    writeFileSync(join(root, 'README.md'), `# x\n\n${README_START}\nold\n${README_END}\n\nafter\n`);
    writeResults(root, results([call, fixture]));
    const json = JSON.parse(readFileSync(join(root, 'bench/results/latest.json'), 'utf8'));
    expect(json.rows).toEqual([call, fixture]);
    expect(readFileSync(join(root, 'bench/results/latest.md'), 'utf8')).toContain('adder.component.wasm');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).not.toContain('old');
    expect(readme).not.toContain('adder.component.wasm');
    expect(readme).toMatch(new RegExp(`${README_START}\\n\\| group .*\\n[\\s\\S]*${README_END}\\n\\nafter\\n$`));
  });
});
