/**
 * `canonjs/runtime`: the runtime the generated code is made of. Generated
 * modules inline the pieces they use, so nothing needs this at run time; it
 * is exported for hosts and tools (ComponentError, the trap and type-error
 * catalogues, the string and memory helpers).
 */
export { ComponentError, isComponentError } from './component-error.js';
export { TRAPS, trap, tagTrap, type TrapCode } from './traps.js';
export { TYPE_ERRORS, type TypeErrorCode } from './type-errors.js';
export * from './strings.js';
export * from './memory.js';
