/**
 * The error a `result<T, E>` function result throws (exports) or that a host
 * throws to return `err(E)` (imports). Recognised by a registered symbol so
 * that copies of this class in several generated modules interoperate.
 */
const COMPONENT_ERROR_BRAND = Symbol.for('canonjs.ComponentError');

export class ComponentError extends Error {
  declare readonly payload: unknown;

  constructor(payload: unknown) {
    super(typeof payload === 'string' ? payload : `component error (see .payload)`);
    this.name = 'ComponentError';
    Object.defineProperty(this, 'payload', { value: payload, enumerable: true });
    Object.defineProperty(this, COMPONENT_ERROR_BRAND, { value: true });
  }
}

/** Is `e` a ComponentError (of any copy of this class)? */
export function isComponentError(e: unknown): e is ComponentError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[COMPONENT_ERROR_BRAND] === true;
}
