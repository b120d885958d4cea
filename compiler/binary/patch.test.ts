import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { moduleSections, readLebU32, withBinaryenNames } from './patch.js';

/** The ids of the `name` section's subsections. */
function nameSubsections(b: Uint8Array): number[] {
  const s = moduleSections(b).find((x) => x.id === 0)!;
  const [len, at] = readLebU32(b, s.payload);
  const ids: number[] = [];
  for (let pos = at + len; pos < s.end; ) {
    ids.push(b[pos++]!);
    const [size, body] = readLebU32(b, pos);
    pos = body + size;
  }
  return ids;
}

describe('withBinaryenNames', () => {
  it('drops the extended name subsections (labels) and keeps function and local names', async () => {
    const bytes = await parse('(module $m (func $f (param $x i32) (block $out (br $out))))');
    expect(nameSubsections(bytes)).toContain(3);
    const out = withBinaryenNames(bytes);
    expect(nameSubsections(out)).toEqual(nameSubsections(bytes).filter((id) => id <= 2));
    expect(WebAssembly.validate(out as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('leaves a module without extended names as it is', async () => {
    const bytes = await parse('(module $m (func $f (param $x i32)))');
    expect(withBinaryenNames(bytes)).toBe(bytes);
  });
});
