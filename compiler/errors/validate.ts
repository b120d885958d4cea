/**
 * Invalid components: well-formed bytes that break a validation rule
 * (Explainer.md, Binary.md's validation notes, CanonicalABI.md "Canonical
 * Definitions"). Name rules live in validate-names.ts.
 */
export const VALIDATE_ERRORS = {
  // ── index spaces ──
  'validate/index-out-of-bounds': (space: string, index: number, length: number) =>
    `${space} index ${index} out of bounds (the ${space} index space has ${length} entries; definitions may only refer to earlier ones)`,
  'validate/wrong-type-kind': (space: string, index: number, expected: string, found: string) =>
    `${space} index ${index} is not ${expected} (it is ${found})`,

  // ── defined types ──
  'validate/empty-type': (rule: string) => `${rule} (an empty type has no values)`,
  'validate/too-many-flags': (count: number) => `cannot have more than 32 flags (found ${count})`,
  'validate/fixed-list-empty': () => 'the length of a fixed-length list must be larger than 0',
  'validate/stream-char': () => '`stream<char>` is not valid at this time (a stream of chars would split code points)',
  'validate/borrow-in-async-value': (what: string) =>
    `the element type of a ${what} cannot contain a \`borrow\` type (borrows are scoped to one call)`,
  'validate/borrow-in-result': () => 'function result cannot contain a `borrow` type (borrows must be dropped before the call returns)',
  'validate/bad-map-key': (found: string) =>
    `map key type must be bool, an integer type, char or string (found ${found})`,
  'validate/value-too-large': (size: number) =>
    `type exceeds maximum byte size: elem_size (i64 pointers) is ${size}, it must be below 2^28`,
  'validate/resource-in-type': () =>
    'resources can only be defined within a concrete component (component and instance types may only import or export them)',
  'validate/bad-resource-rep': (rep: string) => `resource representation must be i32 (or i64 with 🐘 memory64), found ${rep}`,
  'validate/bad-destructor': (rep: string, found: string) =>
    `wrong signature for a destructor: it must have type [${rep}] -> [] (found ${found})`,

  // ── aliases ──
  'validate/outer-alias-count': (count: number, depth: number) =>
    `invalid outer alias count of ${count} (only ${depth} enclosing scopes)`,
  'validate/outer-alias-resource': () =>
    'cannot alias outer type which transitively refers to resources not defined in the current component (outer aliases crossing a component boundary must be substitutable)',
  'validate/outer-alias-sort': (sort: string) =>
    `outer aliases may only refer to core modules, core types, components and types (found ${sort})`,
  'validate/alias-in-type': () =>
    'aliases in a component or instance type may only refer to types or instances (export aliases of instances and types; outer aliases of types and core types)',
  'validate/no-such-export': (what: string, index: number, name: string) => `${what} ${index} has no export named \`${name}\``,
  'validate/export-sort-mismatch': (name: string, what: string, index: number, expected: string, found: string) =>
    `export \`${name}\` for ${what} ${index} is not a ${expected} (it is a ${found})`,

  // ── type checking (instantiation, ascription) ──
  'validate/type-mismatch': (context: string, detail: string) => `type mismatch ${context}: ${detail}`,
  'validate/missing-import-arg': (name: string) => `missing import named \`${name}\` (every import of the instantiated component needs a \`with\` argument of that name)`,
  'validate/duplicate-instantiate-arg': (name: string) =>
    `instantiation argument \`${name}\` conflicts with previous argument \`${name}\``,
  'validate/ascription-mismatch': (detail: string) =>
    `ascribed type of export is not compatible with the type of the exported item (it must be a supertype): ${detail}`,

  // ── core modules and instances ──
  'validate/core-module-invalid': (detail: string) => `invalid core module: ${detail}`,
  'validate/core-duplicate-import': (module: string, name: string) =>
    `duplicate import name \`${module}:${name}\` (a component's core module may import each two-level name once)`,
  'validate/core-duplicate-export': (name: string) => `export name \`${name}\` already defined`,
  'validate/core-missing-arg': (module: string) =>
    `missing module instantiation argument named \`${module}\` (every imported module name needs a \`with\` argument)`,
  'validate/core-arg-missing-export': (module: string, name: string) =>
    `module instantiation argument \`${module}\` does not export an item named \`${name}\``,
  'validate/core-duplicate-arg': (name: string) => `duplicate module instantiation argument named \`${name}\``,
  'validate/core-type-mismatch': (context: string, detail: string) => `type mismatch ${context}: ${detail}`,
  'validate/core-module-type': (detail: string) => `invalid core module type: ${detail}`,
  'validate/core-limits': (detail: string) => detail,

  // ── canonical definitions ──
  'validate/canon-opt-twice': (option: string) => `canonical option \`${option}\` is specified more than once`,
  'validate/canon-encoding-conflict': (first: string, second: string) =>
    `canonical encoding option \`${first}\` conflicts with option \`${second}\` (at most one string encoding)`,
  'validate/canon-opt-required': (option: string, why: string) => `canonical option \`${option}\` is required (${why})`,
  'validate/canon-realloc-needs-memory': () => 'canonical option `realloc` requires `memory` to also be specified',
  'validate/canon-opt-signature': (option: string, expected: string, found: string) =>
    `canonical option \`${option}\` uses a core function with an incorrect signature (expected ${expected}, found ${found})`,
  'validate/canon-opt-not-allowed': (option: string, where: string) =>
    `canonical option \`${option}\` cannot be specified ${where}`,
  'validate/canon-async-sync-type': () => 'the `async` canonical option requires an async function type',
  'validate/canon-lift-signature': (what: string, expected: string, found: string, index: number) =>
    `lowered ${what} types \`${expected}\` do not match ${what} types \`${found}\` of core function ${index} (a lifted core function must have the flattened type of the component function)`,
  'validate/canon-not-local-resource': (builtin: string, index: number) =>
    `type index ${index} is not a local resource: \`${builtin}\` needs a resource defined by this component`,
  'validate/canon-bad-immediate': (builtin: string, detail: string) => `\`${builtin}\`: ${detail}`,
  'validate/canon-requires-type': (builtin: string, expected: string) => `\`${builtin}\` requires ${expected}`,

  // ── imports, exports, visibility ──
  'validate/not-visible': (sort: string, direction: 'import' | 'export') =>
    `${sort} not valid to be used as ${direction}: every resource, record, variant, enum and flags type it uses must be ${
      direction === 'import' ? 'imported' : 'imported or exported'
    } first (external visibility)`,
  'validate/export-core-sort': (sort: string) => `only core modules may be exported from a component, not a ${sort}`,

  // ── values and start (🪙) ──
  'validate/value-not-consumed': (index: number) => `value ${index} is never used (every value must be consumed exactly once)`,
  'validate/value-consumed-twice': (index: number) => `value ${index} is used more than once (every value must be consumed exactly once)`,
  'validate/bad-value': (detail: string) => `value does not match its type: ${detail}`,
  'validate/start-mismatch': (detail: string) => `start function does not match its arguments: ${detail}`,
} as const;
