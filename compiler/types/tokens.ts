/**
 * Identities for external visibility (Explainer "External Visibility of
 * Types"). Equality of types is structural (resources by identity), but
 * whether a type has an externally visible name depends on WHICH type index
 * a definition used: `(export $R' "r" (type $R))` names `$R'`, not `$R`.
 *
 * - A named value type (record, variant, enum, flags) is named by its object:
 *   each import/export of a value type makes a copy (with `name` set).
 * - A resource is named by a token: the `ExternType` of the import/export
 *   that introduced the type index (or a fresh object for a definition).
 *   `own`/`borrow` remember the token of the type index they used.
 *
 * These identities matter only to the validator, so they live in side tables.
 */
import type { ExternType, ValType } from './model.js';

const handleTokens = new WeakMap<ValType, object>();
const exportTokens = new WeakMap<ExternType, object>();

/** The token of the type index an `own`/`borrow` was written with. */
export function handleToken(t: ValType): object | undefined {
  return handleTokens.get(t);
}
export function setHandleToken(t: ValType, token: object | undefined): void {
  if (token) handleTokens.set(t, token);
}

/** The token a resource type export of an instance type names (by default the export itself). */
export function tokenOf(et: ExternType): object {
  return exportTokens.get(et) ?? et;
}
export function setTokenOf(et: ExternType, token: object | undefined): void {
  if (token && token !== et) exportTokens.set(et, token);
}

/** A copy of a value type that names it (`name`), keeping the handle token. */
export function namedCopy(t: ValType, name: string | undefined): ValType {
  const copy = name === undefined ? { ...t } : { ...t, name };
  setHandleToken(copy, handleTokens.get(t));
  return copy;
}
