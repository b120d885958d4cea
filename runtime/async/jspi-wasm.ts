/**
 * Two tiny wasm wrappers that make JSPI behave like asyncify's driver: a
 * call only suspends when it really waits, and a call that does not suspend
 * returns its result at once. Both are built here from a core signature
 * (a string of value types, one letter each as in Emscripten: `i` i32,
 * `j` i64, `f` f32, `d` f64; params, `:`, the result: `"ii:i"`, `":"`),
 * compiled once per signature.
 *
 * Entry (for `promising`): `WebAssembly.promising(f)` returns a Promise
 * even when `f` ran to its end; so the entry calls the core export from
 * wasm, stores its result in a global `r` and sets a global `d`. Back in
 * JS, `d` tells whether the call finished (read `r` now) or suspended
 * (wait for the Promise). `d` is cleared before each call and after each
 * read, so a nested entry that finishes inside a call that then suspends
 * leaves it clear.
 *
 * Import (for `suspending`): V8 suspends at every call of a
 * `WebAssembly.Suspending` import, even one returning a plain value, and
 * resumes the stack microtasks after the Promise settles. So core code
 * calls a wasm function that calls the plain JS function `t` ("try") first;
 * only when `t` got a Promise (and set the global `b`) does it call the
 * Suspending import `w` ("wait", `() -> externref`), then hands what the
 * Promise settled with to the plain JS function `a` ("after"), which runs
 * as the stack resumes and gives the core result.
 */

/** valtype byte and `T.const 0` bytes for each signature letter */
const JSPI_VAL: Record<string, [number, number[]]> = {
  i: [0x7f, [0x41, 0]],
  j: [0x7e, [0x42, 0]],
  f: [0x7d, [0x43, 0, 0, 0, 0]],
  d: [0x7c, [0x44, 0, 0, 0, 0, 0, 0, 0, 0]],
};

const jspiModules = new Map<string, WebAssembly.Module>();

function jspiLeb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const jspiSection = (id: number, body: number[]): number[] => [id, ...jspiLeb(body.length), ...body];
const jspiName = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
const jspiVec = (items: number[][]): number[] => [...jspiLeb(items.length), ...items.flat()];
const jspiFuncType = (params: number[], results: number[]): number[] => [0x60, ...jspiVec(params.map((p) => [p])), ...jspiVec(results.map((r) => [r]))];

/** Does the wrapper handle this signature? */
export function jspiSigOk(sig: string | undefined): sig is string {
  return sig !== undefined && /^[ijfd]*:[ijfd]?$/.test(sig);
}

function jspiParse(sig: string): { params: number[]; result: [number, number[]] | null } {
  const [ps, rs] = sig.split(':') as [string, string];
  return { params: [...ps].map((c) => JSPI_VAL[c]![0]), result: rs === '' ? null : JSPI_VAL[rs]! };
}

function jspiModule(key: string, build: () => number[]): WebAssembly.Module {
  let m = jspiModules.get(key);
  if (!m) {
    m = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...build()]));
    jspiModules.set(key, m);
  }
  return m;
}

/**
 * (import "" "f" (func P R)) (import "" "e" (func)) (global $r (mut R)) (global $d (mut i32))
 * (func (export "run") P R: call f; r := result; d := 1; call e)
 */
function jspiEntryModule(sig: string): WebAssembly.Module {
  return jspiModule(`entry ${sig}`, () => {
    const { params, result } = jspiParse(sig);
    const results = result ? [result[0]] : [];
    const d = result ? 1 : 0;
    const code: number[] = [0];
    for (let i = 0; i < params.length; i++) code.push(0x20, ...jspiLeb(i));
    code.push(0x10, 0);
    if (result) code.push(0x24, 0, 0x23, 0);
    code.push(0x41, 1, 0x24, d, 0x10, 1, 0x0b);
    const globals = [...(result ? [[result[0], 1, ...result[1], 0x0b]] : []), [0x7f, 1, 0x41, 0, 0x0b]];
    const exports = [[...jspiName('run'), 0, 2], [...jspiName('d'), 3, d], ...(result ? [[...jspiName('r'), 3, 0]] : [])];
    return [
      ...jspiSection(1, jspiVec([jspiFuncType(params, results), jspiFuncType([], [])])),
      ...jspiSection(2, jspiVec([[...jspiName(''), ...jspiName('f'), 0, 0], [...jspiName(''), ...jspiName('e'), 0, 1]])),
      ...jspiSection(3, jspiVec([[0]])),
      ...jspiSection(6, jspiVec(globals)),
      ...jspiSection(7, jspiVec(exports)),
      ...jspiSection(10, jspiVec([[...jspiLeb(code.length), ...code]])),
    ];
  });
}

/**
 * (import "" "t" (func P R)) (import "" "w" (func (result externref))) (import "" "a" (func (param externref) R))
 * (global $b (export "b") (mut i32))
 * (func (export "f") P R (local R): r := t(P); if b { b := 0; r := a(w()) }; r)
 */
function jspiImportModule(sig: string): WebAssembly.Module {
  return jspiModule(`import ${sig}`, () => {
    const { params, result } = jspiParse(sig);
    const results = result ? [result[0]] : [];
    const n = params.length;
    const code: number[] = result ? [1, 1, result[0]] : [0];
    for (let i = 0; i < n; i++) code.push(0x20, ...jspiLeb(i));
    code.push(0x10, 0);
    if (result) code.push(0x21, ...jspiLeb(n));
    code.push(0x23, 0, 0x04, 0x40, 0x41, 0, 0x24, 0, 0x10, 1, 0x10, 2);
    if (result) code.push(0x21, ...jspiLeb(n));
    code.push(0x0b);
    if (result) code.push(0x20, ...jspiLeb(n));
    code.push(0x0b);
    return [
      // types: 0 = P -> R, 1 = () -> externref, 2 = externref -> R
      ...jspiSection(1, jspiVec([jspiFuncType(params, results), jspiFuncType([], [0x6f]), jspiFuncType([0x6f], results)])),
      ...jspiSection(2, jspiVec([[...jspiName(''), ...jspiName('t'), 0, 0], [...jspiName(''), ...jspiName('w'), 0, 1], [...jspiName(''), ...jspiName('a'), 0, 2]])),
      ...jspiSection(3, jspiVec([[0]])),
      ...jspiSection(6, jspiVec([[0x7f, 1, 0x41, 0, 0x0b]])),
      ...jspiSection(7, jspiVec([[...jspiName('f'), 0, 3], [...jspiName('b'), 3, 0]])),
      ...jspiSection(10, jspiVec([[...jspiLeb(code.length), ...code]])),
    ];
  });
}

function jspiNothing(): void {}

/** The entry wrapper of core export `f`: `run` to pass to `promising`, and its globals. */
export interface JspiEntry {
  run: (...args: never[]) => unknown;
  done: WebAssembly.Global;
  result: WebAssembly.Global | null;
}

/** `end` runs on the wasm stack right after `f` returns (a resumed stack's end, where the runtime leaves the instance). */
export function jspiEntry(f: (...args: never[]) => unknown, sig: string, end: () => void = jspiNothing): JspiEntry {
  const e = new WebAssembly.Instance(jspiEntryModule(sig), { '': { f, e: end } }).exports as Record<string, unknown>;
  return { run: e.run as JspiEntry['run'], done: e.d as WebAssembly.Global, result: (e.r as WebAssembly.Global | undefined) ?? null };
}

/**
 * The import wrapper around `f` (which may return a Promise): a wasm
 * function for the core module's import object. `wait` is the Suspending
 * import (`() -> externref`, given the Promise `try` stashed); `after`
 * gets what it settled with and returns the core result.
 */
export function jspiImport(
  sig: string,
  tryF: (blocked: WebAssembly.Global, ...args: never[]) => unknown,
  wait: object,
  after: (v: unknown) => unknown,
): { f: (...args: never[]) => unknown; blocked: WebAssembly.Global } {
  let blocked: WebAssembly.Global | null = null;
  const t = (...args: never[]): unknown => tryF(blocked!, ...args);
  const e = new WebAssembly.Instance(jspiImportModule(sig), { '': { t, w: wait as WebAssembly.ImportValue, a: after } }).exports as Record<string, unknown>;
  blocked = e.b as WebAssembly.Global;
  return { f: e.f as (...args: never[]) => unknown, blocked };
}

/** Functions already found to have a signature (thread functions come back again and again). */
const jspiTyped = new WeakMap<object, string>();

/** Does the wasm function `f` have the core type `sig`? (Instantiating the entry wrapper with it as the import checks the type.) */
export function jspiTypeCheck(f: unknown, sig: string): boolean {
  if (!jspiSigOk(sig) || jspiTyped.get(f as object) === sig) return true;
  try {
    new WebAssembly.Instance(jspiEntryModule(sig), { '': { f: f as WebAssembly.ImportValue, e: jspiNothing } });
  } catch {
    return false;
  }
  jspiTyped.set(f as object, sig);
  return true;
}
