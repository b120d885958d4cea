import { CATALOGUE, type ErrorCode } from './catalogue.js';

/** The stage an error comes from; it is also the prefix of every code (`decode/…`). */
export type Stage = 'decode' | 'validate' | 'link' | 'compile' | 'cli';

/**
 * The one error type the compiler throws. `code` is a key of the catalogue,
 * `offset` (for binaries) the byte offset in the outermost input.
 */
export class CompileError extends Error {
  override name = 'CompileError';
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly offset: number | undefined;
  /** The message without the offset suffix. */
  readonly rule: string;

  constructor(code: ErrorCode, rule: string, offset?: number) {
    super(offset === undefined ? rule : `${rule} (at offset 0x${offset.toString(16)})`);
    this.code = code;
    this.stage = code.slice(0, code.indexOf('/')) as Stage;
    this.rule = rule;
    this.offset = offset;
  }
}

type Args<C extends ErrorCode> = Parameters<(typeof CATALOGUE)[C]>;

/** Builds a catalogued error: `fail('decode/unexpected-end', offset, 'a name')`. */
export function error<C extends ErrorCode>(code: C, offset: number | undefined, ...args: Args<C>): CompileError {
  const template = CATALOGUE[code] as (...a: Args<C>) => string;
  return new CompileError(code, template(...args), offset);
}

/** Throws a catalogued error. */
export function fail<C extends ErrorCode>(code: C, offset: number | undefined, ...args: Args<C>): never {
  throw error(code, offset, ...args);
}
