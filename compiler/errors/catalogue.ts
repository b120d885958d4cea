import { DECODE_ERRORS } from './decode.js';
import { VALIDATE_ERRORS } from './validate.js';
import { VALIDATE_NAME_ERRORS } from './validate-names.js';
import { COMPILE_ERRORS } from './compile.js';

/**
 * Every error the compiler can report: code → message template. The part of
 * the code before `/` is the stage (decode, validate, link, compile, cli).
 * Each stage keeps its entries in its own file beside this one.
 */
export const CATALOGUE = { ...DECODE_ERRORS, ...VALIDATE_ERRORS, ...VALIDATE_NAME_ERRORS, ...COMPILE_ERRORS };

export type ErrorCode = keyof typeof CATALOGUE;
