/**
 * Name validation: labels, extern names with attributes, annotated
 * functions, strong uniqueness, JS naming and semver. The pieces live in
 * names/; this is the one import for the validator and later phases.
 *
 * How the validator uses it, per scope (a component's imports; its exports;
 * a component type's imports / exports; an instance type's exports; a
 * bag-of-exports instance's exports):
 *   const scope = new NameScope('import', { features });
 *   const parsed = scope.add(decl.name, sortKind);        // syntax, attributes, sort rules, uniqueness
 *   if (sortKind === 'func') checkAnnotatedFunc(parsed, funcType, resourcesInScope, decl.name.offset);
 *   if (a resource is bound under a plain name) resourcesInScope.set(parsed.label, resource);
 * and `checkLabels(names, offset, 'field' | 'case' | 'flag' | 'enum' | 'param')`
 * for the labels of defined types and function parameters.
 */
export {
  checkLabel,
  checkLabels,
  isLabel,
  isWords,
  labelKey,
  type LabelKind,
} from './names/labels.js';
export {
  parseExternName,
  parseNameSyntax,
  type ConstructorName,
  type InterfaceName,
  type NameOptions,
  type ParsedName,
  type PlainName,
  type ResourceFuncName,
} from './names/extern-name.js';
export { checkAnnotatedFunc, checkImplementsSort, checkNameForSort, checkNotAnnotatedNonFunc } from './names/annotated.js';
export { NameScope } from './names/uniqueness.js';
export { jsName, toLowerCamel, toUpperCamel } from './names/camel.js';
export {
  canonVersion,
  compareSemver,
  isCanonVersion,
  parseSemver,
  semverCompatible,
  semverError,
  splitCanonVersion,
  type Semver,
} from './names/semver.js';
