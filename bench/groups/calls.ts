/**
 * Call overhead: the trivial export `f() -> u32` (vs the raw core export) and
 * a host import `g() -> u32` called from core code (vs the same core module
 * calling a plain JS import). bench/components/trivial-call.wat, host-import.wat.
 */
import { rawInstance } from '../components.js';
import { measure, side, type Row } from '../harness.js';
import { expect, prepare } from '../tools.js';

/** Calls per sample: batches keep the timer's own cost out of a ~10 ns call. */
const CALLS = 1000;
/** Import calls per export call in the host-import benchmark. */
const IMPORT_CALLS = 1000;

let sink = 0;

type F = () => number;
type CallG = (n: number) => number;

export async function callsGroup(): Promise<Row[]> {
  const g = () => 42;
  const f = (e: any) => e.f as F;
  const callG = (e: any) => e.callG as CallG;
  const tc = await prepare('canonjs', 'trivial-call', f, (f) => expect(f(), 42));
  const tj = await prepare('jco', 'trivial-call', f, (f) => expect(f(), 42));
  const raw = (await rawInstance('trivial-call', 0)).f as F;
  const hc = await prepare('canonjs', 'host-import', callG, (f) => expect(f(IMPORT_CALLS), 42 * IMPORT_CALLS), { g });
  const hj = await prepare('jco', 'host-import', callG, (f) => expect(f(IMPORT_CALLS), 42 * IMPORT_CALLS), { g });
  const rawCallG = (await rawInstance('host-import', 0, { host: { g } }))['call-g'] as CallG;

  // each side is its own loop literal, so no call site is shared (and made polymorphic)
  return measure('calls', [
    {
      name: 'f() -> u32',
      input: 'export call',
      ops: CALLS,
      canonjs: side(tc, (f) => () => {
        let s = 0;
        for (let i = 0; i < CALLS; i++) s += f();
        sink ^= s;
      }),
      jco: side(tj, (f) => () => {
        let s = 0;
        for (let i = 0; i < CALLS; i++) s += f();
        sink ^= s;
      }),
      floor: () => {
        let s = 0;
        for (let i = 0; i < CALLS; i++) s += raw();
        sink ^= s;
      },
      target: { vs: 'floor', max: 2 },
      note: 'floor: the raw core export',
    },
    {
      name: 'g() -> u32',
      input: 'host import call',
      ops: IMPORT_CALLS,
      canonjs: side(hc, (f) => () => void (sink ^= f(IMPORT_CALLS))),
      jco: side(hj, (f) => () => void (sink ^= f(IMPORT_CALLS))),
      floor: () => void (sink ^= rawCallG(IMPORT_CALLS)),
      target: { vs: 'floor', max: 3 },
      note: `floor: the same core loop calling a plain JS import; ${IMPORT_CALLS} import calls per export call`,
    },
  ]);
}
