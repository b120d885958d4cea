/**
 * Kebab-case labels → JavaScript identifiers (BRIEF §3: plain names and
 * members become lowerCamelCase, resource classes UpperCamelCase).
 *
 * Decisions (JS habit, as in `toJSON`, `innerHTML`, `XMLHttpRequest`,
 * `encodeURIComponent`; the Explainer's own example maps `is-XML` to `isXML`):
 * - a lowercase word is capitalised when it is not first: `do-thing` → `doThing`;
 * - an acronym (an all-uppercase fragment) keeps its case: `get-JSON` → `getJSON`,
 *   `HTTP-server` → `HTTPServer` (UpperCamel);
 * - a LEADING acronym is lowercased in lowerCamelCase, as JS names a value
 *   `url` or `httpServer`, never `URL`/`HTTPServer`: `HTTP-server` → `httpServer`;
 * - a fragment that starts with a digit is joined with `_`: `utf-8` → `utf_8`,
 *   `a1-2-3` → `a1_2_3`. Gluing digits on (`utf8`) would make distinct,
 *   strongly-unique labels (`a-1` and `a1`) the same identifier.
 *
 * Known limit: acronyms can still collide with one-letter words
 * (`get-JSON` and `get-j-s-o-n` both give `getJSON`). Such labels are
 * strongly unique, so the emitter must check for clashes among siblings.
 */

function fragments(label: string): string[] {
  return label.split('-').filter((f) => f !== '');
}

const isAcronym = (f: string) => /[A-Z]/.test(f);
const startsWithDigit = (f: string) => /^[0-9]/.test(f);
const capitalise = (f: string) => f.charAt(0).toUpperCase() + f.slice(1);

/** One non-leading fragment in camel case. */
function inner(f: string): string {
  if (startsWithDigit(f)) return `_${f}`;
  return isAcronym(f) ? f : capitalise(f);
}

/**
 * Converted labels, by label: the emitter converts the same field, case and
 * function names over and over (one table per direction, emptied when full).
 */
const MEMO_LIMIT = 8192;
const lowerMemo = new Map<string, string>();
const upperMemo = new Map<string, string>();

function memoized(memo: Map<string, string>, label: string, convert: (label: string) => string): string {
  let out = memo.get(label);
  if (out === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(label, (out = convert(label)));
  }
  return out;
}

/** `do-thing` → `doThing`, `get-JSON` → `getJSON`, `HTTP-server` → `httpServer`. */
export function toLowerCamel(label: string): string {
  return memoized(lowerMemo, label, (l) => {
    const [first = '', ...rest] = fragments(l);
    return first.toLowerCase() + rest.map(inner).join('');
  });
}

/** `my-resource` → `MyResource`, `HTTP-server` → `HTTPServer`, `is-XML` → `IsXML`. */
export function toUpperCamel(label: string): string {
  return memoized(upperMemo, label, (l) => {
    const [first = '', ...rest] = fragments(l);
    return capitalise(first) + rest.map(inner).join('');
  });
}

/**
 * The JS key of an import/export/instance-member name (BRIEF §3): a plain
 * label becomes lowerCamelCase (`do-thing` → `doThing`); an interface name
 * (`wasi:cli/stdout@0.2.3`) stays verbatim, and so do annotated names
 * (`[method]r.f`): those become class members, not keys, and kept verbatim
 * they cannot clash with one another.
 */
export function jsName(name: string): string {
  if (name.includes(':') || name.startsWith('[')) return name;
  return toLowerCamel(name);
}
