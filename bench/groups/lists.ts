/**
 * Lists: `sum(bytes: list<u8>) -> u32` with 64 KiB (bench/components/sum-bytes.wat)
 * and `total(items: list<item>) -> f64` with 1,000 records `{ id: u32,
 * price: f64, qty: u16 }` (list-records.wat). The floor is a hand-written
 * binding: realloc, a typed-array copy into the memory (Uint8Array.set; the
 * record fields through typed-array views), and the same core call.
 */
import { rawInstance } from '../components.js';
import { measure, side, type Row } from '../harness.js';
import { expect, prepare } from '../tools.js';

const BYTES = 64 * 1024;
const RECORDS = 1000;

interface Item {
  id: number;
  price: number;
  qty: number;
}

let sink = 0;
type Sum = (bytes: Uint8Array) => number;
type Total = (items: Item[]) => number;
type Realloc = (a: number, b: number, c: number, d: number) => number;

export async function listsGroup(): Promise<Row[]> {
  const bytes = new Uint8Array(BYTES).map((_, i) => (i * 7 + 3) & 0xff);
  const sum = bytes.reduce((a, b) => a + b, 0);
  const items: Item[] = Array.from({ length: RECORDS }, (_, i) => ({ id: i, price: 0.25 + (i % 50), qty: i % 7 }));
  const total = items.reduce((a, { price, qty }) => a + price * qty, 0);

  const pickSum = (e: any) => e.sum as Sum;
  const pickTotal = (e: any) => e['bench:records/api'].total as Total;
  const sc = await prepare('canonjs', 'sum-bytes', pickSum, (f) => expect(f(bytes), sum));
  const sj = await prepare('jco', 'sum-bytes', pickSum, (f) => expect(f(bytes), sum));
  const tc = await prepare('canonjs', 'list-records', pickTotal, (f) => expect(f(items), total));
  const tj = await prepare('jco', 'list-records', pickTotal, (f) => expect(f(items), total));

  const rs = await rawInstance('sum-bytes', 0);
  const sumFloor = floorSum(rs.memory as WebAssembly.Memory, rs.realloc as Realloc, rs.sum as (p: number, n: number) => number);
  if (sumFloor(bytes) !== sum) throw new Error('lists: the floor sum is wrong');
  const rt = await rawInstance('list-records', 0);
  const totalFloor = floorTotal(rt.memory as WebAssembly.Memory, rt.realloc as Realloc, rt.total as (p: number, n: number) => number);
  if (totalFloor(items) !== total) throw new Error('lists: the floor total is wrong');

  return measure('lists', [
    {
      name: 'sum(list<u8>) -> u32',
      input: '64 KiB',
      ops: 1,
      canonjs: side(sc, (f) => () => void (sink ^= f(bytes))),
      jco: side(sj, (f) => () => void (sink ^= f(bytes))),
      floor: () => void (sink ^= sumFloor(bytes)),
      target: { vs: 'floor', max: 1.2 },
      note: 'Uint8Array in; floor: realloc + Uint8Array.set + core call (SIMD sum, the same in all three)',
    },
    {
      name: 'total(list<record>) -> f64',
      input: '1,000 records',
      ops: 1,
      canonjs: side(tc, (f) => () => void (sink += f(items))),
      jco: side(tj, (f) => () => void (sink += f(items))),
      floor: () => void (sink += totalFloor(items)),
      note: 'record { id: u32, price: f64, qty: u16 }; floor: fields stored through typed-array views',
    },
  ]);
}

function floorSum(memory: WebAssembly.Memory, realloc: Realloc, core: (p: number, n: number) => number): Sum {
  let u8 = new Uint8Array(memory.buffer);
  return (bytes) => {
    const ptr = realloc(0, 0, 1, bytes.length);
    if (u8.length === 0) u8 = new Uint8Array(memory.buffer); // detached: the memory grew
    u8.set(bytes, ptr);
    return core(ptr, bytes.length) >>> 0;
  };
}

function floorTotal(memory: WebAssembly.Memory, realloc: Realloc, core: (p: number, n: number) => number): Total {
  let u16 = new Uint16Array(memory.buffer);
  let u32 = new Uint32Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer);
  return (items) => {
    const ptr = realloc(0, 0, 8, items.length * 24);
    if (u32.length === 0) {
      // detached: the memory grew
      u16 = new Uint16Array(memory.buffer);
      u32 = new Uint32Array(memory.buffer);
      f64 = new Float64Array(memory.buffer);
    }
    for (let i = 0, p = ptr; i < items.length; i++, p += 24) {
      const it = items[i]!;
      u32[p >>> 2] = it.id;
      f64[(p + 8) >>> 3] = it.price;
      u16[(p + 16) >>> 1] = it.qty;
    }
    return core(ptr, items.length);
  };
}
