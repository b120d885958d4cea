/**
 * Component binaries with 🧵② built-ins for the tests. wasm-tools 0.259 writes
 * `thread.spawn-ref`, `thread.spawn-indirect` and `thread.available_parallelism`
 * in their older form, without the `sh?` byte that Binary.md (component-model
 * 6d28164) puts after the opcode, and its text format cannot say `shared`.
 * So the tests write them in wasm-tools' text and this re-encodes every
 * canon section made only of those three built-ins in the spec's form, with
 * `sh?` = `shared`. Only top-level sections are rewritten.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { lebU32, readLebU32 } from '../../compiler/binary/patch.js';

const SECTION_CANON = 8;
const SPAWN_REF = 0x40;
const SPAWN_INDIRECT = 0x41;
const PARALLELISM = 0x42;

/** The canon section's entries re-encoded with `sh?`, or null when it holds anything else. */
function reencode(b: Uint8Array, start: number, end: number, shared: boolean): number[] | null {
  let [count, pos] = readLebU32(b, start);
  const out = lebU32(count);
  for (; count > 0; count--) {
    const op = b[pos++]!;
    if (op !== SPAWN_REF && op !== SPAWN_INDIRECT && op !== PARALLELISM) return null;
    out.push(op, shared ? 1 : 0);
    const immediates = op === SPAWN_REF ? 1 : op === SPAWN_INDIRECT ? 2 : 0;
    for (let i = 0; i < immediates; i++) {
      const at = pos;
      [, pos] = readLebU32(b, pos);
      out.push(...b.subarray(at, pos));
    }
  }
  return pos === end ? out : null;
}

/** Component text → binary, with the 🧵② built-ins in the spec's encoding. */
export async function threadComponent(wat: string, shared = true): Promise<Uint8Array> {
  const b = await parse(wat);
  const out: number[] = [...b.subarray(0, 8)];
  let pos = 8;
  while (pos < b.length) {
    const id = b[pos]!;
    const [size, payload] = readLebU32(b, pos + 1);
    const end = payload + size;
    const entries = id === SECTION_CANON ? reencode(b, payload, end, shared) : null;
    if (entries) out.push(id, ...lebU32(entries.length), ...entries);
    else out.push(...b.subarray(pos, end));
    pos = end;
  }
  return Uint8Array.from(out);
}
