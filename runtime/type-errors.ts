/**
 * TypeErrors for host values that do not fit the component type, with a
 * `code` from this table and the value's path (`arg 0 .items[3] .name`).
 */
export const TYPE_ERRORS = {
  'type/bool': 'a boolean',
  'type/s8': 'an integer in [-128, 127]',
  'type/u8': 'an integer in [0, 255]',
  'type/s16': 'an integer in [-32768, 32767]',
  'type/u16': 'an integer in [0, 65535]',
  'type/s32': 'an integer in [-2^31, 2^31 - 1]',
  'type/u32': 'an integer in [0, 2^32 - 1]',
  'type/s64': 'a bigint in [-2^63, 2^63 - 1]',
  'type/u64': 'a bigint in [0, 2^64 - 1]',
  'type/f32': 'a number',
  'type/f64': 'a number',
  'type/char': 'a string of one Unicode scalar value',
  'type/string': 'a string',
  'type/record': 'an object',
  'type/tuple': 'an array of length ',
  'type/list': 'an array or iterable',
  'type/fixed-list': 'an array or iterable of length ',
  'type/numbers': 'a typed array or an array of numbers of the element type',
  'type/map': 'a Map or an object',
  'type/flags': 'an object of booleans',
  'type/flag': 'a boolean or undefined',
  'type/enum': 'one of the case names ',
  'type/variant': 'an object { tag, value } with one of the case names ',
  'type/option-tagged': "{ tag: 'some', value } or { tag: 'none' }",
  'type/result': "{ tag: 'ok' | 'err', value }",
  'type/handle': 'a resource handle',
  'type/dead-handle': 'a live resource (this one was dropped, moved, or was a borrow whose call ended)',
} as const;

export type TypeErrorCode = keyof typeof TYPE_ERRORS;

export interface CodedTypeError extends TypeError {
  code: TypeErrorCode;
  path: string;
}

/** Builds (does not throw) the TypeError for `value` at `path`; `detail` completes the expectation. */
export function typeError(code: TypeErrorCode, path: string, value: unknown, detail?: string | number): CodedTypeError {
  const expected = TYPE_ERRORS[code] + (detail === undefined ? '' : String(detail));
  const e = new TypeError(`${path}: expected ${expected}, got ${describeValue(value)}`) as CodedTypeError;
  e.code = code;
  e.path = path;
  return e;
}

function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
    case 'bigint':
      return `${v}n`;
    case 'number': case 'boolean': case 'undefined': case 'symbol':
      return String(v);
    case 'function':
      return 'a function';
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return `an array of length ${v.length}`;
      return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  }
}
