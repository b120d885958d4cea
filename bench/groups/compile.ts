/**
 * Compile time. In-process and warm (the compilers already loaded and run
 * once): `compile` vs jco's `transpileBytes`, on the one-function component
 * and on every fixture both compile. CLI cold start: a fresh `node` process
 * running `canonjs compile <fixture> -o <dir>` per fixture, against a bare
 * `node -e 0` as the floor; jco's CLI (`@bytecodealliance/jco`) when it is
 * installed, else n/a (jco-transpile has no CLI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REPO_ROOT } from '../../test/paths.js';
import { benchComponent } from '../components.js';
import { commonFixtures, fixtures, type Fixture } from '../fixtures.js';
import { measure, median, na, type Cell, type Comparison, type Row } from '../harness.js';
import { compileWith, refused, type Tool } from '../tools.js';

const CLI = join(REPO_ROOT, 'dist/canonjs.mjs');
const JCO_CLI = join(REPO_ROOT, 'node_modules/@bytecodealliance/jco/src/jco.js');
/** Spawns per fixture and tool. */
const ROUNDS = 2;

export async function compileGroup(): Promise<Row[]> {
  const one = await benchComponent('one-function');
  const common = await commonFixtures();
  const all = common.map((f) => f.bytes);
  const every = await fixtures();
  const left = every.filter((f) => !common.includes(f)).map((f) => f.file);
  const which = left.length ? `without ${left.join(', ')} (refused by one tool)` : 'every jco-runtime fixture';
  const rows = await measure(
    'compile',
    [
      {
        name: 'compile in-process (warm)',
        input: 'one-function component',
        ops: 1,
        canonjs: () => compileWith('canonjs', one),
        jco: () => compileWith('jco', one),
        floor: na(),
      },
      {
        name: 'compile in-process (warm)',
        input: `${common.length} fixtures both compile (sum)`,
        ops: 1,
        canonjs: async () => {
          for (const b of all) await compileWith('canonjs', b);
        },
        jco: async () => {
          for (const b of all) await compileWith('jco', b);
        },
        floor: na(),
        target: { vs: 'jco', max: 0.2 },
        // said plainly: a warm compile of the same bytes also reuses canonjs's per-process memo of engine-validated core modules
        note: `${which}; canonjs validates each distinct core module with the engine once per process (watch mode, bundler plugin), so warm repeats skip it`,
      },
      ...every.map(perFixture),
    ],
    // a compile takes milliseconds: fewer samples keep the group short
    { time: 300, iterations: 6, warmupTime: 100, warmupIterations: 3, rounds: 3 },
  );
  rows.push(cliRow(common));
  return rows;
}

/** A detail row: one fixture, each tool that compiles it (the other n/a with its reason). */
function perFixture(f: Fixture): Comparison {
  const side = (tool: Tool) => (refused(f.out[tool]) ? f.out[tool] : () => compileWith(tool, f.bytes));
  return { name: 'compile in-process (warm)', input: f.file, ops: 1, canonjs: side('canonjs'), jco: side('jco'), floor: na(), detail: true };
}

interface Spawns {
  /** wall time of each successful spawn, ns */
  times: number[];
  /** the failed ones: the input and the error line */
  failures: string[];
}

function spawnAll(commands: readonly { input: string; args: string[] }[]): Spawns {
  const out: Spawns = { times: [], failures: [] };
  for (const { input, args } of commands) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const t = Number(process.hrtime.bigint() - t0);
    if (r.status === 0) out.times.push(t);
    else {
      const lines = (r.stderr ?? '').split('\n').filter((l) => l.trim() !== '');
      out.failures.push(`${input}: ${lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit ${r.status}`}`);
    }
  }
  return out;
}

/** The median spawn time; failures (e.g. a fixture the CLI rejects) go to the note. */
function timed(commands: { input: string; args: string[] }[], notes: string[], who: string): Cell {
  spawnAll(commands.slice(0, 1)); // warm the file cache
  const { times, failures } = spawnAll(commands);
  const distinct = [...new Set(failures)];
  if (distinct.length) notes.push(`${who} failed ${failures.length} of ${commands.length} spawns (${distinct.join('; ')})`);
  return times.length ? { value: median(times), samples: times.length } : na(`every spawn failed`);
}

function cliRow(common: Fixture[]): Row {
  const dir = mkdtempSync(join(tmpdir(), 'canonjs-bench-'));
  const commands = (make: (file: string, out: string) => string[]) =>
    Array.from({ length: ROUNDS }, (_, k) => common.map((f) => ({ input: f.file, args: make(join(FIXTURES, f.file), join(dir, `${k}-${f.file}`)) }))).flat();
  const notes = ['median wall time per process; floor: bare `node -e 0`'];
  try {
    const canonjs = existsSync(CLI)
      ? timed(commands((file, out) => [CLI, 'compile', file, '-o', out, '-q']), notes, 'canonjs')
      : na('dist/ not built (npm run build)');
    const jco = existsSync(JCO_CLI)
      ? timed(commands((file, out) => [JCO_CLI, 'transpile', file, '-o', out, '--quiet']), notes, 'jco')
      : na('no jco CLI installed (@bytecodealliance/jco; jco-transpile has no CLI)');
    const floor = timed(Array.from({ length: 5 }, () => ({ input: 'node -e 0', args: ['-e', '0'] })), notes, 'node');
    return {
      group: 'compile',
      name: 'CLI cold start: compile one fixture',
      input: `${common.length} fixtures × ${ROUNDS}`,
      unit: 'time',
      canonjs,
      jco,
      floor,
      target: { vs: 'value', max: 0.3e9 },
      note: notes.join('; '),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
