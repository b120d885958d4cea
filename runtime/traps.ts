/**
 * The trap catalogue: every trap the generated glue and the runtime raise.
 * A trap is a `WebAssembly.RuntimeError` whose `code` is one of these keys
 * (the message is for people; tests match the code).
 */
export const TRAPS = {
  'trap/out-of-bounds': 'pointer or length out of bounds of linear memory',
  'trap/misaligned-pointer': 'misaligned pointer',
  'trap/realloc-out-of-bounds': 'realloc returned a pointer out of bounds of linear memory',
  'trap/realloc-misaligned': 'realloc returned a misaligned pointer',
  'trap/string-too-long': 'string byte length exceeds 2^28 - 1',
  'trap/list-too-long': 'list byte length exceeds 2^28 - 1',
  'trap/invalid-utf8': 'invalid UTF-8 in a string',
  'trap/invalid-utf16': 'invalid UTF-16 in a string',
  'trap/invalid-char': 'invalid char: not a Unicode scalar value',
  'trap/invalid-discriminant': 'invalid variant discriminant',
  'trap/unknown-handle': 'unknown handle index',
  'trap/handle-type-mismatch': 'handle used with the wrong type',
  'trap/handle-not-owned': 'a borrowed handle cannot transfer ownership',
  'trap/handle-lent': 'cannot drop or transfer a resource while it is borrowed',
  'trap/borrows-remain': 'borrow handles still remain at the end of the call',
  'trap/handle-table-full': 'handle table is full (2^28 - 1 entries)',
  'trap/cannot-leave': 'cannot leave the component instance here (during post-return or realloc)',
  'trap/cannot-enter': 'cannot enter the component instance: it is already on the call stack',
  'trap/poisoned': 'component instance is poisoned by an earlier trap',
  'trap/core': 'a core wasm instruction trapped',
} as const;

export type TrapCode = keyof typeof TRAPS;

export interface Trap extends WebAssembly.RuntimeError {
  code: TrapCode;
}

/** Throws the trap `code`. */
export function trap(code: TrapCode): never {
  const e = new WebAssembly.RuntimeError(TRAPS[code]) as Trap;
  e.code = code;
  throw e;
}

/** Gives a core wasm trap (an engine RuntimeError without a code) the code `trap/core`; returns `e`. */
export function tagTrap(e: unknown): unknown {
  if (e instanceof WebAssembly.RuntimeError && (e as Partial<Trap>).code === undefined) (e as Trap).code = 'trap/core';
  return e;
}
