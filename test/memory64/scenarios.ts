/**
 * The calls the memory64 / custom-page-size components (the .wat files
 * beside this) are put through, and what each must give: shared by the
 * in-process run (Node 20: the lowered modules) and the Node 24 child
 * (node24.ts: memory64 natively). Values cross the child boundary as JSON,
 * so they are encoded: `{ $big: "5" }` for a bigint, `{ $u8: [...] }` etc.
 * for typed arrays, `{ $throws: code }` for a call that threw.
 */

export interface Call {
  /** the export's JS name */
  export: string;
  args?: unknown[];
  /** encoded expected result */
  expect: unknown;
  /** run on a fresh instance (a trap poisons the one it happens in) */
  fresh?: boolean;
}

export interface Scenario {
  /** the .wat file in test/memory64/ */
  component: string;
  /** the host's imports, as JS source of an object expression */
  imports?: string;
  calls: Call[];
}

const big = (n: bigint) => ({ $big: String(n) });
const throws = (code: string) => ({ $throws: code });

export const SCENARIOS: Scenario[] = [
  {
    component: 'mem64.wat',
    imports: "{ log: (s, xs) => `${s}:${Array.from(xs).join(',')}` }",
    calls: [
      { export: 'echo', args: ['héllo ✓ 😀'], expect: 'héllo ✓ 😀' },
      { export: 'echo', args: [''], expect: '' },
      { export: 'echo16', args: ['a😀b'], expect: 'a😀b' },
      { export: 'echoLatin1', args: ['ÿé latin'], expect: 'ÿé latin' },
      { export: 'echoLatin1', args: ['✓ utf16'], expect: '✓ utf16' },
      { export: 'echoBytes', args: [{ $u8: [1, 2, 255] }], expect: { $u8: [1, 2, 255] } },
      {
        export: 'echoPeople',
        args: [[{ name: 'Ada', age: 36, tags: ['x', 'yz'] }, { name: '', age: 0, tags: [] }]],
        expect: [{ name: 'Ada', age: 36, tags: ['x', 'yz'] }, { name: '', age: 0, tags: [] }],
      },
      { export: 'echoMap', args: [[['a', 1], ['b', null]]], expect: [['a', 1], ['b', null]] },
      { export: 'sum', args: [[1, 2, 3, 4000000000]], expect: big(4000000006n) },
      { export: 'echoVariant', args: [{ tag: 'num', value: big(2n ** 63n + 5n) }], expect: { tag: 'num', value: big(2n ** 63n + 5n) } },
      { export: 'echoVariant', args: [{ tag: 'text', value: 'hi' }], expect: { tag: 'text', value: 'hi' } },
      { export: 'echoVariant', args: [{ tag: 'nothing' }], expect: { tag: 'nothing' } },
      { export: 'totalLength', args: ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hhhhhhhh', 'iiiiiiiii'], expect: big(45n) },
      { export: 'callLog', expect: 'héllo:1,2,3' },
      { export: 'echo', args: [42], expect: throws('type/string') },
      // a return area at 2^64 − 8 (a negative i64 in JS), at 4 GiB, a string 2^40 bytes long
      { export: 'farArea', expect: throws('trap/out-of-bounds'), fresh: true },
      { export: 'highArea', expect: throws('trap/out-of-bounds'), fresh: true },
      { export: 'longString', expect: throws('trap/string-too-long'), fresh: true },
      // core code reading past 4 GiB traps natively and lowered alike
      { export: 'peek', args: [big(2n ** 32n)], expect: throws('trap/core'), fresh: true },
      { export: 'peek', args: [big(2n ** 63n)], expect: throws('trap/core'), fresh: true },
    ],
  },
  {
    component: 'pages.wat',
    calls: [
      { export: 'size', expect: 1000 },
      { export: 'echo', args: ['hello'], expect: 'hello' },
      { export: 'echo', args: ['x'.repeat(600)], expect: 'x'.repeat(600) },
      // realloc grew the memory byte by byte: 512 + 5 + 600
      { export: 'size', expect: 1117 },
      { export: 'echoWords', args: [[1, 2, 3]], expect: { $u32: [1, 2, 3] } },
      // 12 more bytes at 1120 (aligned to 4): the last is the high byte of 3
      { export: 'size', expect: 1132 },
      { export: 'peek', args: [1128], expect: 3 },
      { export: 'peek', args: [1131], expect: 0 },
      { export: 'peek', args: [1132], expect: throws('trap/core') },
      { export: 'pastEnd', expect: throws('trap/out-of-bounds'), fresh: true },
    ],
  },
  {
    component: 'mem64-pages.wat',
    calls: [
      { export: 'size', expect: big(100n) },
      { export: 'echo', args: ['a string longer than twenty bytes'], expect: 'a string longer than twenty bytes' },
      { export: 'size', expect: big(113n) },
    ],
  },
  {
    component: 'pages-64k.wat',
    calls: [
      { export: 'size', expect: 1 },
      { export: 'echo', args: ['sixty-four'], expect: 'sixty-four' },
    ],
  },
];

const TYPED: Record<string, new (xs: ArrayLike<number>) => ArrayLike<number>> = {
  $u8: Uint8Array,
  $u16: Uint16Array,
  $u32: Uint32Array,
};

/** A JS value from its JSON encoding (null stays null: an `option` none going in). */
export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$big === 'string') return BigInt(o.$big);
    for (const [k, T] of Object.entries(TYPED)) if (Array.isArray(o[k])) return new T(o[k] as number[]);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/** A result as JSON can carry it (`undefined` → null). */
export function encode(v: unknown): unknown {
  if (typeof v === 'bigint') return { $big: String(v) };
  if (v === undefined) return null;
  if (v instanceof Uint8Array) return { $u8: [...v] };
  if (v instanceof Uint16Array) return { $u16: [...v] };
  if (v instanceof Uint32Array) return { $u32: [...v] };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

/** Runs a scenario's calls on instances made by `instantiate`; the encoded results, in order. */
export async function runScenario(scenario: Scenario, instantiate: (imports: object) => Promise<Record<string, any>>): Promise<unknown[]> {
  const imports = scenario.imports ? (new Function(`return (${scenario.imports});`)() as object) : {};
  let exports = await instantiate(imports);
  const out: unknown[] = [];
  for (const call of scenario.calls) {
    if (call.fresh) exports = await instantiate(imports);
    try {
      out.push(encode(exports[call.export]!(...(call.args ?? []).map(decode))));
    } catch (e) {
      out.push({ $throws: (e as { code?: string }).code ?? String(e) });
    }
  }
  return out;
}
