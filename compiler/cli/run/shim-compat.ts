/**
 * preview2-shim speaks jco's host conventions, not quite canonjs's (BRIEF §3):
 *
 * - a `result` error is thrown as the bare payload (`throw 'no-entry'`,
 *   `throw { tag: 'closed' }`) where canonjs expects a `ComponentError`;
 * - variant payloads are under `val`, canonjs's under `value`;
 * - `Descriptor.getFlags()` of a preopened folder returns `undefined`, not a
 *   flags object.
 *
 * `canonjs run` owns its child process, so it adapts the shim there, in place:
 * every function and method of the interface objects it hands the component
 * turns a thrown non-Error into a `ComponentError` (an Error with an own
 * `payload` gives that payload; any other Error stays a trap), a thrown or
 * passed variant gets both spellings, and a missing flags value reads as no
 * flags. Patching the classes themselves (not wrappers) keeps `instanceof`
 * and the shim's private fields working.
 */

/** JavaScript source of `adaptShim(iface, ComponentError)`, spliced into the runner. */
export const SHIM_COMPAT_SOURCE = String.raw`
const adapted = new WeakSet();
const BRAND = Symbol.for('canonjs.ComponentError');

function bothSpellings(v) {
  if (v !== null && typeof v === 'object' && typeof v.tag === 'string' && !ArrayBuffer.isView(v)) {
    if (Object.hasOwn(v, 'val') && !Object.hasOwn(v, 'value')) return { ...v, value: v.val };
    if (Object.hasOwn(v, 'value') && !Object.hasOwn(v, 'val')) return { ...v, val: v.value };
  }
  return v;
}

function toComponentError(e, ComponentError) {
  if (e !== null && typeof e === 'object' && e[BRAND] === true) return e;
  const hasPayload = e !== null && typeof e === 'object' && Object.hasOwn(e, 'payload');
  if (e instanceof Error && !hasPayload) return e; // a real failure: the call traps
  return new ComponentError(bothSpellings(hasPayload ? e.payload : e));
}

function wrap(f, ComponentError) {
  const wrapped = function (...args) {
    try {
      return f.apply(this, args.map(bothSpellings));
    } catch (e) {
      throw toComponentError(e, ComponentError);
    }
  };
  Object.defineProperty(wrapped, 'name', { value: f.name });
  return wrapped;
}

function isClass(f) {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

function patchMethods(target, skip, ComponentError) {
  for (const key of Object.getOwnPropertyNames(target)) {
    if (skip.includes(key)) continue;
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (d && typeof d.value === 'function' && d.writable) target[key] = wrap(d.value, ComponentError);
  }
}

function adaptShim(iface, ComponentError) {
  if (iface === null || typeof iface !== 'object' || adapted.has(iface)) return iface;
  adapted.add(iface);
  for (const key of Object.keys(iface)) {
    const v = iface[key];
    if (isClass(v)) {
      if (adapted.has(v)) continue;
      adapted.add(v);
      patchMethods(v.prototype, ['constructor'], ComponentError);
      patchMethods(v, ['length', 'name', 'prototype'], ComponentError);
      if (v.name === 'Descriptor' && typeof v.prototype.getFlags === 'function') {
        const getFlags = v.prototype.getFlags;
        v.prototype.getFlags = function () {
          return getFlags.call(this) ?? {};
        };
      }
    } else if (typeof v === 'function') {
      iface[key] = wrap(v, ComponentError);
    }
  }
  return iface;
}
`;
