/**
 * The calls the memory64 / custom-page-size components (the .wat files
 * beside this) are put through, and what each must give: shared by the
 * in-process run (Node 20: the lowered modules) and the Node 24 child
 * (node24.ts: memory64 natively). Values cross the child boundary as JSON,
 * so they are encoded: `{ $big: "5" }` for a bigint, `{ $u8: [...] }` etc.
 * for typed arrays, `{ $throws: code }` for a call that threw (or rejected);
 * arguments also `{ $stream: [[bytes], …] }` for a stream<u8> of chunks and
 * `{ $later: v }` for a future's value. Results of async exports are awaited.
 */

export interface Call {
  /** the export's JS name (`instance.name` for a function of an exported instance) */
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
  /** host imports whose sync lowers may suspend (compile's `asyncImports`) */
  asyncImports?: string[];
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
    component: 'async64.wat',
    imports: "{ fetch: async (s) => { await new Promise((r) => setTimeout(r, 1)); return s.toUpperCase() + '!'; }, concat3: (a, b, c) => a + b + c }",
    calls: [
      // stream.read (i64 address, i64 length, an i64 outcome) 2 bytes at a time, past a blocked read
      { export: 'consume', args: [{ $stream: [[1, 2, 3, 4, 5], [250]] }, big(2n)], expect: 265 },
      // future<string>: the element stored through realloc in the 64-bit layout; waitable-set.poll's event at an i64 address
      { export: 'awaitText', args: [{ $later: 'héllo 😀' }], expect: 'héllo 😀' },
      { export: 'pollAt', args: [big(512n)], expect: 0 },
      // an async lower: i64 argument and result pointers; past MAX_FLAT_ASYNC_PARAMS the arguments in memory
      { export: 'fetchThrough', args: ['abc'], expect: 'ABC!' },
      { export: 'concatThrough', args: ['a', 'bé', 'c'], expect: 'abéc' },
      // error-context.new and debug-message through the 64-bit memory
      { export: 'errMessage', args: ['oops ✓'], expect: 'oops ✓' },
      // addresses past the memory: the built-ins trap before touching it
      { export: 'pollAt', args: [big(2n ** 40n)], expect: throws('trap/out-of-bounds'), fresh: true },
      { export: 'pollAt', args: [big(2n ** 64n - 4n)], expect: throws('trap/out-of-bounds'), fresh: true },
      { export: 'consume', args: [{ $stream: [[1]] }, big(2n ** 28n)], expect: throws('trap/buffer-too-long'), fresh: true },
      { export: 'consume', args: [{ $stream: [[1]] }, big(2n ** 63n)], expect: throws('trap/buffer-too-long'), fresh: true },
    ],
  },
  {
    component: 'suspend64.wat',
    imports: "{ slow: async (s) => { await new Promise((r) => setTimeout(r, 1)); return `<${s}>`; } }",
    asyncImports: ['slow'],
    calls: [
      // the core code suspends twice inside one call, its i64 pointers kept across
      { export: 'callSlow', args: ['héllo'], expect: '<<héllo>>' },
      { export: 'callSlow', args: [''], expect: '<<>>' },
      // a stackful lift blocks in waitable-set.wait; the event lands at an i64 address
      { export: 'waitFuture', args: [{ $later: 41 }], expect: 42 },
      // a synchronous stream.read blocks (the core code suspends) and returns its i64 outcome when resumed
      { export: 'sumStream', args: [{ $stream: [[1, 2, 3, 4, 5, 6], [7], [200]] }], expect: 228, fresh: true },
    ],
  },
  {
    component: 'fused64.wat',
    calls: (['n2w', 'w2n', 'w2w'] as const).flatMap((pair) => [
      { export: `${pair}.echo`, args: ['héllo ✓ 😀'], expect: 'héllo ✓ 😀' },
      { export: `${pair}.echo`, args: ['ÿ latin'], expect: 'ÿ latin' },
      {
        export: `${pair}.echoPeople`,
        args: [[{ name: 'Ada', age: 36, tags: ['x', 'yz'] }, { name: '', age: 0, tags: [] }]],
        expect: [{ name: 'Ada', age: 36, tags: ['x', 'yz'] }, { name: '', age: 0, tags: [] }],
      },
      { export: `${pair}.echoVariant`, args: [{ tag: 'num', value: big(2n ** 63n + 5n) }], expect: { tag: 'num', value: big(2n ** 63n + 5n) } },
      { export: `${pair}.echoVariant`, args: [{ tag: 'text', value: 'hï ✓' }], expect: { tag: 'text', value: 'hï ✓' } },
      { export: `${pair}.echoVariant`, args: [{ tag: 'nothing' }], expect: { tag: 'nothing' } },
      { export: `${pair}.totalLength`, args: ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hhhhhhhh', 'iiiiiiiii'], expect: big(45n) },
    ]),
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
    // a stream<u8> whose chunks come one task apart; a value that comes a task later
    if (Array.isArray(o.$stream)) return byteStream(o.$stream as number[][]);
    if ('$later' in o) return new Promise((r) => setTimeout(() => r(decode(o.$later)), 0));
    for (const [k, T] of Object.entries(TYPED)) if (Array.isArray(o[k])) return new T(o[k] as number[]);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/** A ReadableStream of `chunks` (Uint8Arrays), each after a timer tick. */
function byteStream(chunks: number[][]): ReadableStream<Uint8Array> {
  let k = 0;
  return new ReadableStream({
    pull: (c) =>
      new Promise<void>((r) =>
        setTimeout(() => {
          if (k < chunks.length) c.enqueue(new Uint8Array(chunks[k++]!));
          else c.close();
          r();
        }, 0),
      ),
  });
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
      // `a.b`: export b of exported instance a
      const fn = call.export.split('.').reduce((o: any, k) => o[k], exports) as (...xs: unknown[]) => unknown;
      out.push(encode(await fn(...(call.args ?? []).map(decode))));
    } catch (e) {
      out.push({ $throws: (e as { code?: string }).code ?? String(e) });
    }
  }
  return out;
}
