/**
 * Strong uniqueness (Explainer "Name Uniqueness"): within one scope (the
 * imports of a component or component type; the exports of a component,
 * instance, component type or instance type) names must differ after
 * canonicalisation: acronyms lowercased, `[method]l.l`/`[static]l.l` → `l`,
 * other `[method]`/`[static]` prefixes stripped (`[constructor]` kept).
 * Attributes play no part. The canonical form is `ParsedName.key`.
 */
import type { ExternName } from '../../binary/ast.js';
import { fail } from '../../errors/index.js';
import { checkNameForSort } from './annotated.js';
import { parseExternName, type NameOptions, type ParsedName } from './extern-name.js';

export class NameScope {
  /** canonical key → the name first seen with it */
  private readonly seen = new Map<string, string>();
  /** the options of every name in this scope */
  private readonly nameOptions: NameOptions;

  /**
   * @param kind `import` or `export`: which names this scope holds (for messages)
   * @param options feature gates for the names (see `NameOptions.features`)
   */
  constructor(
    readonly kind: 'import' | 'export',
    options: Omit<NameOptions, 'context'> = {},
  ) {
    this.nameOptions = { ...options, context: kind };
  }

  /**
   * Checks a name (syntax, attributes, sort-dependent rules) and adds it to
   * the scope; throws if it is not strongly unique among the names added so
   * far. `sortKind` is the item's sort (`func`, `instance`, `type`, …).
   * The caller still checks annotated functions' types (`checkAnnotatedFunc`).
   */
  add(name: ExternName, sortKind: string): ParsedName {
    const parsed = parseExternName(name, this.nameOptions);
    checkNameForSort(parsed, sortKind, name.offset);
    const previous = this.seen.get(parsed.key);
    if (previous !== undefined) fail('validate/name-not-unique', name.offset, this.kind, name.name, previous);
    this.seen.set(parsed.key, name.name);
    return parsed;
  }

  /** Whether a name with the same canonical form is already in the scope. */
  has(parsed: ParsedName): boolean {
    return this.seen.has(parsed.key);
  }
}
