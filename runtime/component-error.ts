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

/**
 * The `err` payload of what a host import threw, for a `result` return
 * type. A ComponentError (any copy, or jco's, which also carries `.payload`)
 * gives its payload; a thrown non-Error value is the payload itself (the
 * convention of jco and preview2-shim: `throw 'no-entry'`). A real Error is
 * not an `err`: it is rethrown, and traps.
 */
export function hostErrorPayload(e: unknown): unknown {
  if (isComponentError(e)) return e.payload;
  if (e instanceof Error) {
    if (Object.prototype.hasOwnProperty.call(e, 'payload')) return (e as unknown as { payload: unknown }).payload;
    throw e;
  }
  return e;
}
