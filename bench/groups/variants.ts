/**
 * A variant/option/result-heavy call (bench/components/variants.wat):
 *   classify(a: option<u32>, b: result<u32, u8>, s: shape) -> result<option<u32>, u8>
 * with `variant shape { circle(f32), rect(tuple<f32, f32>), empty }`, cycling
 * through four argument sets (every shape case, some and none; no error result,
 * which would throw and measure exceptions instead). The floor is a
 * hand-written binding: flatten the arguments to the seven core parameters,
 * call, read the 12-byte result from the return area.
 */
import { rawInstance } from '../components.js';
import { measure, side, type Row } from '../harness.js';
import type { Tool } from '../tools.js';
import { prepare } from '../tools.js';

type Shape = { tag: 'circle'; value: number } | { tag: 'rect'; value: [number, number] } | { tag: 'empty' };
type Args = [a: number | undefined, b: { tag: 'ok' | 'err'; value: number }, s: Shape];
type Classify = (...args: Args) => number | undefined;

/** The argument sets in canonjs's representation, and what `classify` returns for each. */
const CASES: readonly [Args, number | undefined][] = [
  [[5, { tag: 'ok', value: 7 }, { tag: 'circle', value: 2 }], 16],
  [[undefined, { tag: 'ok', value: 7 }, { tag: 'rect', value: [2, 3] }], undefined],
  [[5, { tag: 'ok', value: 7 }, { tag: 'empty' }], 12],
  [[1, { tag: 'ok', value: 2 }, { tag: 'rect', value: [2, 3] }], 9],
];

/** Calls per sample: every case, this many times over. */
const ROUNDS = 64;

/** jco spells a variant payload `val` (canonjs: `value`). */
function argsFor(tool: Tool, [a, b, s]: Args): unknown[] {
  if (tool === 'canonjs') return [a, b, s];
  const jco = (v: { tag: string; value?: unknown }) => ('value' in v ? { tag: v.tag, val: v.value } : { tag: v.tag });
  return [a, jco(b), jco(s)];
}

let sink = 0;

export async function variantsGroup(): Promise<Row[]> {
  const pick = (e: any) => e['bench:variants/api'].classify as (...args: unknown[]) => number | undefined;
  const check = (tool: Tool) => (f: (...args: unknown[]) => number | undefined) => {
    for (const [args, want] of CASES) {
      const got = f(...argsFor(tool, args));
      if (got !== want) return `wrong result ${got} for ${JSON.stringify(args)}, expected ${want}`;
    }
    return undefined;
  };
  const c = await prepare('canonjs', 'variants', pick, check('canonjs'));
  const j = await prepare('jco', 'variants', pick, check('jco'));
  const cArgs = CASES.map(([args]) => argsFor('canonjs', args));
  const jArgs = CASES.map(([args]) => argsFor('jco', args));

  const raw = await rawInstance('variants', 0);
  const floor = floorClassify(raw.memory as WebAssembly.Memory, raw.classify as (...flat: number[]) => number);
  for (const [args, want] of CASES) if (floor(...args) !== want) throw new Error('variants: the floor is wrong');

  return measure('variants', [
    {
      name: 'classify(option, result, variant) -> result<option>',
      input: '4 argument sets',
      ops: ROUNDS * CASES.length,
      canonjs: side(c, (f) => () => {
        for (let r = 0; r < ROUNDS; r++) for (const a of cArgs) sink ^= f(a[0], a[1], a[2]) ?? 1;
      }),
      jco: side(j, (f) => () => {
        for (let r = 0; r < ROUNDS; r++) for (const a of jArgs) sink ^= f(a[0], a[1], a[2]) ?? 1;
      }),
      floor: () => {
        for (let r = 0; r < ROUNDS; r++) for (const [a] of CASES) sink ^= floor(a[0], a[1], a[2]) ?? 1;
      },
      note: 'floor: hand-written flattening + the raw core export + reading the return area',
    },
  ]);
}

function floorClassify(memory: WebAssembly.Memory, core: (...flat: number[]) => number): Classify {
  let u8 = new Uint8Array(memory.buffer);
  let u32 = new Uint32Array(memory.buffer);
  return (a, b, s) => {
    let s0 = 0;
    let s1 = 0;
    let sCase = 2;
    if (s.tag === 'circle') (sCase = 0), (s0 = s.value);
    else if (s.tag === 'rect') (sCase = 1), (s0 = s.value[0]), (s1 = s.value[1]);
    const ret = core(a === undefined ? 0 : 1, a ?? 0, b.tag === 'ok' ? 0 : 1, b.value, sCase, s0, s1);
    if (u8.length === 0) (u8 = new Uint8Array(memory.buffer)), (u32 = new Uint32Array(memory.buffer));
    if (u8[ret] !== 0) throw new Error(`err ${u8[ret + 4]}`);
    return u8[ret + 4] === 0 ? undefined : u32[(ret + 8) >>> 2];
  };
}
