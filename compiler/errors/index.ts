export { CompileError, error, fail, type Stage } from './compile-error.js';
export { CATALOGUE, type ErrorCode } from './catalogue.js';
