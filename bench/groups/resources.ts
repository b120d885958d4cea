/**
 * Resources: create + method + drop of `resource counter { constructor(start:
 * u32); get: func() -> u32 }` with a core destructor (bench/components/resource.wat):
 * `new Counter(7)`, `.get()`, `[Symbol.dispose]()`. The floor is a hand-written
 * binding: the raw core constructor (its resource.new a JS handle table with a
 * free list), the raw `get` and destructor, and one JS object for the handle.
 */
import { rawInstance } from '../components.js';
import { measure, side, type Row } from '../harness.js';
import { expect, prepare } from '../tools.js';

/** Create-get-drop rounds per sample. */
const ROUNDS = 256;

interface Counter {
  get(): number;
  [Symbol.dispose](): void;
}
type CounterClass = new (start: number) => Counter;

let sink = 0;

export async function resourcesGroup(): Promise<Row[]> {
  const pick = (e: any) => e['bench:resource/api'].Counter as CounterClass;
  const check = (C: CounterClass) => {
    const c = new C(7);
    const got = c.get();
    c[Symbol.dispose]();
    return expect(got, 7);
  };
  const c = await prepare('canonjs', 'resource', pick, check);
  const j = await prepare('jco', 'resource', pick, check);

  // the floor's handle table: index + 1 is the handle, a free list reuses slots
  const reps: number[] = [];
  const free: number[] = [];
  const resourceNew = (rep: number) => {
    const i = free.length ? free.pop()! : reps.length;
    reps[i] = rep;
    return i + 1;
  };
  const d = await rawInstance('resource', 0);
  const m = await rawInstance('resource', 1, { counter: { new: resourceNew } });
  const dtor = d.dtor as (rep: number) => void;
  const ctor = m.constructor as unknown as (start: number) => number;
  const get = m.get as (rep: number) => number;
  const floorRound = (start: number) => {
    const o = { handle: ctor(start) };
    const r = get(reps[o.handle - 1]!);
    const rep = reps[o.handle - 1]!;
    free.push(o.handle - 1);
    o.handle = 0;
    dtor(rep);
    return r;
  };
  if (floorRound(7) !== 7) throw new Error('resources: the floor is wrong');

  return measure('resources', [
    {
      name: 'new Counter(n); get(); [Symbol.dispose]()',
      input: 'create + method + drop',
      ops: ROUNDS,
      canonjs: side(c, (C) => () => {
        for (let i = 0; i < ROUNDS; i++) {
          const x = new C(i);
          sink ^= x.get();
          x[Symbol.dispose]();
        }
      }),
      jco: side(j, (C) => () => {
        for (let i = 0; i < ROUNDS; i++) {
          const x = new C(i);
          sink ^= x.get();
          x[Symbol.dispose]();
        }
      }),
      floor: () => {
        for (let i = 0; i < ROUNDS; i++) sink ^= floorRound(i);
      },
      note: 'with a core destructor, disposed within the same task; floor: raw constructor/get/destructor + a JS handle table',
    },
  ]);
}
