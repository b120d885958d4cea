import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../bench/harness.js';
import { README_END, README_START, consoleTable, markdownTable, results, writeResults } from '../../bench/report.js';

const row: Row = { group: 'decode', name: 'decode', input: 'lists.component.wasm', bytes: 131386, medianMs: 0.5, mbPerSec: 262.772, samples: 120, rme: 1.25 };

describe('bench report', () => {
  it('formats rows as a console table and markdown', () => {
    const text = consoleTable([row]);
    expect(text.split('\n')[0]).toMatch(/^group\s+benchmark\s+input\s+size\s+median\s+MB\/s\s+±%\s+samples$/);
    expect(text).toContain('lists.component.wasm');
    expect(text).toContain('262.8');
    const md = markdownTable(results([row]));
    expect(md).toContain('| decode | decode | lists.component.wasm | 128.3 KiB | 0.500 ms | 262.8 | 1.3 | 120 |');
  });

  it('writes latest.json, latest.md and the README table between the markers', () => {
    const root = mkdtempSync(join(tmpdir(), 'canonjs-bench-'));
    writeFileSync(join(root, 'README.md'), `# x\n\n${README_START}\nold\n${README_END}\n\nafter\n`);
    writeResults(root, results([row]));
    const json = JSON.parse(readFileSync(join(root, 'bench/results/latest.json'), 'utf8'));
    expect(json.rows).toEqual([row]);
    expect(readFileSync(join(root, 'bench/results/latest.md'), 'utf8')).toContain('| decode |');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).not.toContain('old');
    expect(readme).toMatch(new RegExp(`${README_START}\\n\\| group .*\\n[\\s\\S]*${README_END}\\n\\nafter\\n$`));
  });
});
