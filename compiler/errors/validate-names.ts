/**
 * Invalid names: labels, extern names, interface names, versions, attributes,
 * annotated functions, uniqueness (Explainer "Import and Export Definitions",
 * "Name Uniqueness", "Canonical Interface Name"; Binary.md's import/export notes).
 *
 * Extern-name syntax errors take a `subject`, the phrase that says which name
 * failed and where (`import name `aBc` is not a valid extern name`), followed
 * by the rule that failed.
 */
const KEBAB =
  'a label is `-`-separated fragments, each all-lowercase or all-uppercase letters and digits, the first starting with a letter';
const STRONGLY_UNIQUE = 'names in one scope must be strongly unique: unequal after lowercasing, with `[method]`/`[static]` stripped';

export const VALIDATE_NAME_ERRORS = {
  // ── labels (record fields, variant cases, flags, enum cases, parameters) ──
  'validate/name-label-empty': (what: string) => `${what} cannot be empty (${KEBAB})`,
  'validate/name-label-not-kebab': (what: string, label: string) =>
    `${what} \`${label}\` is not in kebab case (${KEBAB})`,
  'validate/name-label-not-unique': (what: string, label: string, previousWhat: string, previous: string) =>
    `${what} \`${label}\` conflicts with previous ${previousWhat} \`${previous}\` (labels of one type must be unique ignoring case)`,

  // ── extern-name syntax ──
  'validate/name-not-kebab': (subject: string, part: string) =>
    `${subject}: \`${part}\` is not in kebab case (${KEBAB})`,
  'validate/name-not-lowercase': (subject: string, role: string, part: string) =>
    `${subject}: ${role} \`${part}\` is not lowercase (namespaces and package names are lowercase kebab-case words)`,
  'validate/name-missing-dot': (subject: string, annotation: string) =>
    `${subject}: failed to find \`.\` character (a \`${annotation}\` name is \`${annotation}resource.function\`)`,
  'validate/name-unknown-annotation': (subject: string, annotation: string) =>
    `${subject}: unknown annotation \`${annotation}\` (a plain name may only be annotated \`[constructor]\`, \`[method]\` or \`[static]\`)`,
  'validate/name-removed-form': (subject: string, form: string) =>
    `${subject}: the \`${form}\` form of name is no longer part of the Component Model (an \`external-id\` attribute says where an import comes from)`,
  'validate/name-expected-colon': (subject: string, rest: string) =>
    `${subject}: expected \`:\` after the namespace at \`${rest}\` (an interface name is \`namespace:package/interface\`)`,
  'validate/name-expected-slash': (subject: string, hint: string) =>
    `${subject}: expected \`/\` after package name (an interface name is \`namespace:package/interface\`${hint})`,
  'validate/name-trailing-chars': (subject: string, rest: string, hint: string) =>
    `${subject}: trailing characters found: \`${rest}\`${hint}`,
  'validate/name-bad-version': (subject: string, version: string, reason: string) =>
    `${subject}: \`${version}\` is not a valid semver: ${reason} (an interface version is \`@\` followed by a semantic version)`,

  // ── attributes ──
  'validate/name-duplicate-attribute': (name: string, attribute: string) =>
    `duplicate '${attribute}' option in name \`${name}\` (each kind of attribute may appear at most once)`,
  'validate/name-implements-not-plain': (name: string) =>
    `name \`${name}\` is not valid with \`implements\` (only a plain name may carry an \`implements\` attribute)`,
  'validate/name-implements-not-instance': (name: string, sort: string) =>
    `only instances can have an \`implements\` attribute (\`${name}\` is ${sort})`,
  'validate/name-implements-not-interface': (name: string, value: string) =>
    `name \`${value}\` must be an interface name (\`namespace:package/interface\`) to be the \`implements\` of \`${name}\``,
  'validate/name-version-suffix-gated': (name: string) =>
    `\`${name}\` has a \`versionsuffix\` attribute, which needs the 🔗 canonical interface names feature`,
  'validate/name-version-suffix-misplaced': (name: string, suffix: string) =>
    `\`versionsuffix\` \`${suffix}\` on \`${name}\` must follow an interface version that is a canonical version (\`@1\`, \`@0.2\`, \`@0.0.3\`)`,
  'validate/name-version-suffix-bad-semver': (name: string, version: string, reason: string) =>
    `\`${version}\` (the version of \`${name}\` followed by its \`versionsuffix\`) is not a valid semver: ${reason}`,

  // ── [constructor] / [method] / [static] ──
  'validate/name-annotated-not-func': (name: string, sort: string) =>
    `\`${name}\` is an annotated function name but the item is not a func (it is ${sort}); \`[constructor]\`, \`[method]\` and \`[static]\` names only name functions`,
  'validate/name-ctor-no-result': (name: string) =>
    `\`${name}\`: function should return one value, \`(own $T)\` or \`(result (own $T) (error E)?)\` of the resource it constructs`,
  'validate/name-ctor-bad-result': (name: string, resource: string) =>
    `\`${name}\`: function should return \`(own $T)\` or \`(result (own $T))\` (optionally with an error), where $T is the resource \`${resource}\``,
  'validate/name-method-no-params': (name: string) =>
    `\`${name}\`: function should have at least one argument, \`(param "self" (borrow $T))\``,
  'validate/name-method-self-name': (name: string, found: string) =>
    `\`${name}\`: function should have a first argument called \`self\` (found \`${found}\`)`,
  'validate/name-method-self-type': (name: string, resource: string) =>
    `\`${name}\`: function should take a first argument of \`(borrow $T)\`, where $T is the resource \`${resource}\``,
  'validate/name-resource-unnamed': (name: string) =>
    `\`${name}\`: resource used in function does not have a name in this context (it must be imported or exported under a plain name earlier in the same scope)`,
  'validate/name-resource-mismatch': (name: string, found: string, expected: string) =>
    `\`${name}\`: function does not match expected resource name \`${found}\` (its resource is named \`${found}\`, the name says \`${expected}\`)`,
  'validate/name-static-unknown-resource': (name: string, resource: string) =>
    `\`${name}\`: static resource name is not known in this context (no resource named \`${resource}\` is imported or exported earlier in the same scope)`,

  // ── uniqueness ──
  'validate/name-not-unique': (what: string, name: string, previous: string) =>
    `${what} name \`${name}\` conflicts with previous name \`${previous}\` (${STRONGLY_UNIQUE})`,
} as const;
