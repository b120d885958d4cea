/**
 * Kebab-case labels (Explainer "Import and Export Definitions"):
 *
 *   label          ::= first-fragment ( '-' fragment )*
 *   first-fragment ::= [a-z] [0-9a-z]*  |  [A-Z] [0-9A-Z]*
 *   fragment       ::= [0-9a-z]+        |  [0-9A-Z]+
 *
 * and `words` (namespaces, package names): the all-lowercase labels. Labels
 * name record fields, variant cases, flags, enum cases, parameters and plain
 * import/export names; within one scope they must be strongly unique, which
 * for a label means unequal after lowercasing.
 */
import { fail } from '../../errors/index.js';

/** `label`: a first fragment, then `-` fragments (one expression: names are checked by the thousand). */
const LABEL = /^(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(?:-(?:[0-9a-z]+|[0-9A-Z]+))*$/;
/** `words`: a `label` of lowercase fragments. */
const WORDS = /^[a-z][0-9a-z]*(?:-[0-9a-z]+)*$/;

/** Whether `s` matches the `label` production. */
export function isLabel(s: string): boolean {
  return LABEL.test(s);
}

/** Whether `s` matches the `words` production (a lowercase label). */
export function isWords(s: string): boolean {
  return WORDS.test(s);
}

/**
 * The canonical form used to compare labels for strong uniqueness: acronyms
 * (upper-case letters) lowercased. Only ASCII letters can occur in a label.
 */
export function labelKey(s: string): string {
  return s.toLowerCase();
}

/** Where a label occurs; names the label in messages (`record field name `X``). */
export type LabelKind = 'label' | 'field' | 'case' | 'flag' | 'enum' | 'param';

const WHAT: Record<LabelKind, { what: string; previous: string }> = {
  label: { what: 'label', previous: 'label' },
  field: { what: 'record field name', previous: 'field name' },
  case: { what: 'variant case name', previous: 'case name' },
  flag: { what: 'flag name', previous: 'flag name' },
  enum: { what: 'enum tag name', previous: 'tag name' },
  param: { what: 'function parameter name', previous: 'parameter name' },
};

/**
 * Checks one label (record field, variant case, flag, enum case, parameter):
 * non-empty and kebab case. `offset` is where the label (or the type holding
 * it) is in the input.
 */
export function checkLabel(name: string, offset: number, kind: LabelKind = 'label'): void {
  const { what } = WHAT[kind];
  if (name === '') fail('validate/name-label-empty', offset, what);
  if (!isLabel(name)) fail('validate/name-label-not-kebab', offset, what, name);
}

/**
 * Checks a list of labels of one type (the fields of a record, the cases of
 * a variant, the flags, the enum cases, the parameters of a function): each
 * a kebab-case label, all strongly unique (different ignoring case).
 */
export function checkLabels(names: readonly string[], offset: number, kind: LabelKind): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    checkLabel(name, offset, kind);
    const prev = seen.get(labelKey(name));
    if (prev !== undefined) {
      fail('validate/name-label-not-unique', offset, WHAT[kind].what, name, WHAT[kind].previous, prev);
    }
    seen.set(labelKey(name), name);
  }
}
