/**
 * Property: on any mutated binary, decode + validate either succeed or throw
 * a CompileError whose offset lies inside the input; never another exception,
 * never a hang. Corpus: every jco runtime fixture plus a few dozen components
 * of the conformance suite. Fixed seed: failures reproduce.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { decodeComponent } from '../../compiler/binary/decode.js';
import { CompileError } from '../../compiler/errors/index.js';
import { validateComponent } from '../../compiler/types/validate.js';
import { toBinary } from '../conformance/convert.js';
import { repoRoot, suiteDir } from '../conformance/paths.js';
import { listScripts } from '../conformance/run.js';
import { readWast, type ModuleForm } from '../conformance/wast.js';
import { hex, mutate, mutationArb, type Mutation } from './mutations.js';

const SEED = 0x5eed_c0de;
const RUNS = 10_000;
/** a hang guard, not a performance assertion */
const BUDGET_MS = 200;
const SUITE_SAMPLES = 40;

const corpus: { name: string; bytes: Uint8Array }[] = [];

beforeAll(async () => {
  const fixtures = join(repoRoot(), '../shared/fixtures/jco-runtime');
  for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.wasm')).sort()) {
    corpus.push({ name: f, bytes: new Uint8Array(readFileSync(join(fixtures, f))) });
  }
  const forms: { name: string; form: ModuleForm }[] = [];
  for (const file of listScripts(suiteDir())) {
    for (const d of readWast(readFileSync(join(suiteDir(), file), 'utf8'))) {
      if (d.kind === 'component' || d.kind === 'definition') forms.push({ name: `${file}:${d.line}`, form: d.module });
    }
  }
  // an even spread over the suite, always the same picks
  const step = Math.max(1, Math.floor(forms.length / SUITE_SAMPLES));
  for (let i = 0; i < forms.length; i += step) {
    const r = await toBinary(forms[i]!.form);
    if (r.ok) corpus.push({ name: forms[i]!.name, bytes: r.bytes });
  }
});

function check(input: Uint8Array): void {
  try {
    validateComponent(decodeComponent(input));
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    if (typeof e.offset !== 'number' || !Number.isInteger(e.offset) || e.offset < 0 || e.offset > input.length) {
      throw new Error(`CompileError ${e.code} with offset ${e.offset} outside [0, ${input.length}]: ${e.message}`);
    }
  }
}

test(`decode + validate survive ${RUNS} mutated binaries`, () => {
  expect(corpus.length).toBeGreaterThan(20);
  const corpusBytes = corpus.map((c) => c.bytes);
  const arb = fc.record({
    base: fc.nat({ max: corpus.length - 1 }),
    mutations: fc.array(mutationArb(corpus.length), { minLength: 1, maxLength: 3 }),
  });
  fc.assert(
    fc.property(arb, ({ base, mutations }: { base: number; mutations: Mutation[] }) => {
      const input = mutations.reduce((b, m) => mutate(b, m, corpusBytes), corpus[base]!.bytes);
      const timed = () => {
        const t0 = performance.now();
        try {
          check(input);
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          throw new Error(
            `${err.name}: ${err.message}\n  base ${corpus[base]!.name}, mutations ${JSON.stringify(mutations)}\n  input ${hex(input)}\n${err.stack ?? ''}`,
          );
        }
        return performance.now() - t0;
      };
      // over budget twice in a row: a GC pause or a busy machine does not do that, a hang does
      if (timed() > BUDGET_MS && timed() > BUDGET_MS) {
        throw new Error(`over ${BUDGET_MS} ms twice: base ${corpus[base]!.name}, mutations ${JSON.stringify(mutations)}\n  input ${hex(input)}`);
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
}, 120_000);
