/**
 * Stack-switching scenarios shared by the Node 20 (asyncify, in-process) and
 * the Node 24 (JSPI and asyncify, child process) tests: one hand-written core
 * module whose exports call imports that return Promises on some calls. This
 * file imports only runtime files, so the Node 24 test can transpile it
 * alone (see jspi.test.ts).
 */
import { AsyncifySuspender } from '../../runtime/async/asyncify.js';
import { JspiSuspender } from '../../runtime/async/jspi.js';

/** The core module (text): imports `get`/`get64` (may suspend) and `host` (JS calling back into `sum`). */
export const CORE_WAT = `(module
  (import "env" "get" (func $get (param i32) (result i32)))
  (import "env" "get64" (func $get64 (param i32) (result i64)))
  (import "env" "host" (func $host (param i32) (result i32)))
  (import "env" "note" (func $note (param i32)))
  (memory (export "memory") 1)
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $note (local.get $i))
        (local.set $acc (i32.add (local.get $acc) (call $get (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func $deep (export "deep") (param $d i32) (result i32)
    (if (result i32) (i32.eqz (local.get $d))
      (then (call $get (i32.const 1000)))
      (else
        (i32.add
          (i32.mul (call $get (local.get $d)) (local.get $d))
          (call $deep (i32.sub (local.get $d) (i32.const 1)))))))
  (func (export "sum64") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (call $get64 (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "outer") (param $x i32) (result i32)
    (i32.add (call $host (local.get $x)) (i32.const 1)))
)`;

/** The imports of CORE_WAT that may suspend (what the asyncify transform is told). */
export const SUSPENDING_IMPORTS = [
  { module: 'env', name: 'get' },
  { module: 'env', name: 'get64' },
  { module: 'env', name: 'host' },
];

export type Kind = 'jspi' | 'asyncify';

type Fn = (...a: number[]) => unknown;

interface Harness {
  s: AsyncifySuspender | JspiSuspender;
  sum: (n: number) => unknown;
  deep: (d: number) => unknown;
  sum64: (n: number) => unknown;
  outer: (x: number) => unknown;
  raw: WebAssembly.Exports;
  notes: number[];
}

/** `get(i)` is 10·i, a Promise of it when `asyncWhen(i)`, a rejection when `failAt === i`. */
interface Hooks {
  asyncWhen: (i: number) => boolean;
  failAt?: number;
  /** `get(throwAt)` throws `failure` synchronously */
  throwAt?: number;
  failure?: unknown;
}

function harness(kind: Kind, bytes: Uint8Array, hooks: Hooks, interleave = false): Harness {
  const s = kind === 'jspi' ? new JspiSuspender({ interleave }) : new AsyncifySuspender({ interleave });
  const notes: number[] = [];
  const h = {} as Harness;
  const get = (i: number): number | Promise<number> => {
    if (hooks.failAt === i) return Promise.reject(hooks.failure);
    if (hooks.throwAt === i) throw hooks.failure;
    return hooks.asyncWhen(i) ? Promise.resolve(i * 10) : i * 10;
  };
  const get64 = (i: number): bigint | Promise<bigint> => {
    const v = BigInt(i) << 40n;
    return hooks.asyncWhen(i) ? Promise.resolve(v) : v;
  };
  const env = {
    get: s.suspending(get, 'i:i'),
    get64: s.suspending(get64, 'i:j'),
    host: s.suspending((x: number) => h.sum(x) as number | Promise<number>, 'i:i'),
    note: (i: number) => void notes.push(i),
  };
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env });
  if (s instanceof AsyncifySuspender) s.attach(inst.exports);
  const ex = inst.exports as Record<string, Fn>;
  Object.assign(h, {
    s,
    raw: inst.exports,
    notes,
    sum: s.promising(ex.sum!),
    deep: s.promising(ex.deep!),
    sum64: s.promising(ex.sum64!),
    outer: s.promising(ex.outer!),
  });
  return h;
}

function codeOf(e: unknown): string {
  const x = e as { code?: string; name?: string; constructor?: { name?: string } };
  return x?.code ?? x?.name ?? String(e);
}

/** What every scenario must produce, on either kind. */
export const EXPECTED: Record<string, unknown> = {
  loop: 150,
  loopSuspensions: 3,
  loopNotes: '0,1,2,3,4,5',
  allSync: 60,
  deep: 10550,
  deepSuspensions: 6,
  sum64: String(6n << 40n),
  nested: 61,
  rejectedWithSameError: true,
  afterRejection: 30,
  syncThrowPropagates: true,
  reentry: 'trap/suspended-reentry',
  firstAfterReentry: 60,
  secondAfterFirst: 10,
  interleaved: '60,150',
  manySuspensions: 4950 * 10,
};

/** Runs every scenario with `kind`; `bytes` is CORE_WAT's binary (asyncified for 'asyncify'). */
export async function runScenarios(kind: Kind, bytes: Uint8Array): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const odd = { asyncWhen: (i: number) => i % 2 === 1 };
  {
    const h = harness(kind, bytes, odd);
    out.loop = await h.sum(6);
    out.loopSuspensions = h.s.suspensions;
    // each note is made once: rewinding does not re-run the code before the suspended call
    out.loopNotes = h.notes.join(',');
  }
  {
    const h = harness(kind, bytes, { asyncWhen: () => false });
    const r = h.sum(4);
    out.allSync = await r;
    out.allSyncWasPromise = r instanceof Promise;
  }
  {
    const h = harness(kind, bytes, { asyncWhen: () => true });
    out.deep = await h.deep(5);
    out.deepSuspensions = h.s.suspensions;
  }
  {
    const h = harness(kind, bytes, { asyncWhen: (i) => i % 2 === 0 });
    out.sum64 = String(await h.sum64(4));
  }
  {
    const h = harness(kind, bytes, odd);
    out.nested = await h.outer(4);
  }
  {
    const boom = new Error('boom');
    const h = harness(kind, bytes, { asyncWhen: () => true, failAt: 3, failure: boom });
    try {
      await h.sum(5);
      out.rejectedWithSameError = 'resolved';
    } catch (e) {
      out.rejectedWithSameError = e === boom;
    }
    out.afterRejection = await h.sum(3);
  }
  {
    // a synchronous throw from a suspending import, after an earlier suspension of the same call
    const bad = new Error('sync');
    const h = harness(kind, bytes, { asyncWhen: (i) => i === 1, throwAt: 2, failure: bad });
    try {
      await h.sum(4);
      out.syncThrowPropagates = false;
    } catch (e) {
      out.syncThrowPropagates = e === bad;
    }
  }
  {
    const h = harness(kind, bytes, odd);
    const first = h.sum(4) as Promise<number>;
    try {
      await h.sum(2);
      out.reentry = 'entered';
    } catch (e) {
      out.reentry = codeOf(e);
    }
    out.firstAfterReentry = await first;
    out.secondAfterFirst = await h.sum(2);
  }
  {
    const h = harness(kind, bytes, odd, true);
    const rs = await Promise.all([h.sum(4), h.sum(6)]);
    out.interleaved = rs.join(',');
  }
  {
    const h = harness(kind, bytes, { asyncWhen: () => true });
    out.manySuspensions = await h.sum(100);
  }
  return out;
}

/**
 * Call overhead in ns per call (not asserted): an entry whose import never
 * suspends, and one whose single import call suspends once.
 */
export async function measureCalls(kind: Kind, bytes: Uint8Array, n = 20000): Promise<{ noSuspendNs: number; suspendNs: number }> {
  const plain = harness(kind, bytes, { asyncWhen: () => false });
  const susp = harness(kind, bytes, { asyncWhen: (i) => i === 0 });
  for (let i = 0; i < 500; i++) {
    await plain.sum(1);
    await susp.sum(1);
  }
  let t = performance.now();
  for (let i = 0; i < n; i++) await plain.sum(1);
  const noSuspendNs = ((performance.now() - t) * 1e6) / n;
  t = performance.now();
  for (let i = 0; i < n; i++) await susp.sum(1);
  const suspendNs = ((performance.now() - t) * 1e6) / n;
  return { noSuspendNs, suspendNs };
}
