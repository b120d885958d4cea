/**
 * Binary mutations for fuzzing the decoder and validator: byte flips and
 * writes, insertions, deletions, truncations, LEB128 tweaks (overlong, bumped,
 * huge) and top-level section splicing between corpus entries.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  /** `extend`: same value, one byte longer; `bump`: value ± 1; `huge`: a 5-byte LEB with high bits set */
  | { kind: 'leb'; at: number; how: 'extend' | 'bump-up' | 'bump-down' | 'huge' }
  /** copy section `from` of corpus entry `donor` in before section `to` of the input */
  | { kind: 'splice'; donor: number; from: number; to: number }
  | { kind: 'drop-section'; index: number }
  | { kind: 'swap-sections'; a: number; b: number };

// unbiased: fast-check otherwise favours small numbers, i.e. the preamble
const at = fc.noBias(fc.nat({ max: 1 << 20 }));

export function mutationArb(corpusSize: number): fc.Arbitrary<Mutation> {
  const k = <K extends Mutation['kind']>(kind: K) => fc.constant(kind);
  const byte = fc.integer({ min: 0, max: 255 });
  const section = fc.nat({ max: 64 });
  const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
  return fc.oneof(
    w(4, fc.record({ kind: k('flip'), at, bit: fc.integer({ min: 0, max: 7 }) })),
    // bytes that mean something in many places: zero, one, LEB edges, type/func leading bytes
    w(3, fc.record({ kind: k('set'), at, value: fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x41, 0x42, 0x43) })),
    w(2, fc.record({ kind: k('insert'), at, bytes: fc.array(byte, { minLength: 1, maxLength: 8 }) })),
    w(2, fc.record({ kind: k('delete'), at, length: fc.integer({ min: 1, max: 16 }) })),
    w(1, fc.record({ kind: k('truncate'), at })),
    w(3, fc.record({ kind: k('leb'), at, how: fc.constantFrom('extend', 'bump-up', 'bump-down', 'huge') })),
    w(2, fc.record({ kind: k('splice'), donor: fc.nat({ max: corpusSize - 1 }), from: section, to: section })),
    w(1, fc.record({ kind: k('drop-section'), index: section })),
    w(1, fc.record({ kind: k('swap-sections'), a: section, b: section })),
  ) as fc.Arbitrary<Mutation>;
}

/** Top-level sections as [start, end) byte ranges (header included); stops at the first malformed one. */
export function sections(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let p = 8;
  while (p < bytes.length) {
    const start = p++;
    let size = 0;
    let shift = 0;
    for (;;) {
      if (p >= bytes.length || shift > 28) return out;
      const b = bytes[p++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (p + size > bytes.length) return out;
    p += size;
    out.push([start, p]);
  }
  return out;
}

const cat = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export function mutate(input: Uint8Array, m: Mutation, corpus: readonly Uint8Array[]): Uint8Array {
  const n = input.length;
  const pos = (x: number) => (n === 0 ? 0 : x % n);
  switch (m.kind) {
    case 'flip': {
      if (!n) return input;
      const out = input.slice();
      out[pos(m.at)]! ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      if (!n) return input;
      const out = input.slice();
      out[pos(m.at)] = m.value;
      return out;
    }
    case 'insert': {
      const p = n === 0 ? 0 : m.at % (n + 1);
      return cat(input.subarray(0, p), m.bytes, input.subarray(p));
    }
    case 'delete': {
      const p = pos(m.at);
      return cat(input.subarray(0, p), input.subarray(p + m.length));
    }
    case 'truncate':
      return input.slice(0, n === 0 ? 0 : m.at % n);
    case 'leb': {
      if (!n) return input;
      // find the LEB that ends at or after the chosen byte
      let end = pos(m.at);
      while (end < n - 1 && input[end]! & 0x80) end++;
      let start = end;
      while (start > 0 && input[start - 1]! & 0x80 && end - start < 4) start--;
      const tail = input.subarray(end + 1);
      const head = input.subarray(0, start);
      const leb = [...input.subarray(start, end + 1)];
      let value = 0;
      leb.forEach((b, i) => (value += (b & 0x7f) * 2 ** (7 * i)));
      switch (m.how) {
        case 'extend':
          leb[leb.length - 1]! |= 0x80;
          return cat(head, leb, [0x00], tail);
        case 'huge':
          return cat(head, [0xff, 0xff, 0xff, 0xff, 0x7f], tail);
        default:
          return cat(head, encodeU32(Math.max(0, value + (m.how === 'bump-up' ? 1 : -1))), tail);
      }
    }
    case 'splice': {
      const donor = corpus[m.donor % corpus.length]!;
      const from = sections(donor);
      const to = sections(input);
      if (!from.length) return input;
      const [s, e] = from[m.from % from.length]!;
      const p = to.length ? to[m.to % to.length]![0] : Math.min(8, n);
      return cat(input.subarray(0, p), donor.subarray(s, e), input.subarray(p));
    }
    case 'drop-section': {
      const secs = sections(input);
      if (!secs.length) return input;
      const [s, e] = secs[m.index % secs.length]!;
      return cat(input.subarray(0, s), input.subarray(e));
    }
    case 'swap-sections': {
      const secs = sections(input);
      if (secs.length < 2) return input;
      let a = m.a % secs.length;
      let b = m.b % secs.length;
      if (a === b) return input;
      if (a > b) [a, b] = [b, a];
      const [as, ae] = secs[a]!;
      const [bs, be] = secs[b]!;
      return cat(input.subarray(0, as), input.subarray(bs, be), input.subarray(ae, bs), input.subarray(as, ae), input.subarray(be));
    }
  }
}

function encodeU32(v: number): number[] {
  const out: number[] = [];
  v = v >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

export const hex = (b: Uint8Array, max = 4096): string =>
  Buffer.from(b.subarray(0, max)).toString('hex') + (b.length > max ? `… (${b.length} bytes)` : '');
