/**
 * Import and export names (Explainer "Import and Export Definitions"):
 *
 *   externname    ::= plainname | interfacename
 *   plainname     ::= label | '[constructor]' label
 *                   | '[method]' label '.' label | '[static]' label '.' label
 *   interfacename ::= namespace words projection interfaceversion?
 *                   | namespace+ words projection+ interfaceversion?      🪺
 *   namespace     ::= words ':'          projection ::= '/' label
 *   interfaceversion ::= '@' valid-semver | '@' canonversion             🔗
 *
 * plus the attributes of `nameattributes` (Binary.md): `implements` 🏷️ (an
 * interface name, on plain names only), `versionsuffix` 🔗 (after a
 * canonical version, together a valid semver), `external-id` 🏷️ (anything),
 * each at most once. Checks that need the item's sort live in annotated.ts.
 *
 * The spec no longer has the `locked-dep=`, `unlocked-dep=`, `url=` and
 * `integrity=` name forms (replaced by `external-id`); they are rejected with
 * a message saying so.
 */
import type { ExternName } from '../../binary/ast.js';
import type { Feature } from '../../binary/opcodes.js';
import { fail } from '../../errors/index.js';
import { isLabel, isWords, labelKey } from './labels.js';
import { isCanonVersion, semverError } from './semver.js';

interface NameBase {
  /** the name as written */
  raw: string;
  /** offset of the name in the input */
  offset: number;
  /** the strongly-unique canonical form: two names in a scope conflict iff keys are equal */
  key: string;
  /** 🏷️ the `implements` attribute, parsed */
  implements?: InterfaceName;
  /** 🏷️ the `external-id` attribute */
  externalId?: string;
  /** 🔗 the `versionsuffix` attribute */
  versionSuffix?: string;
}

export interface PlainName extends NameBase {
  kind: 'plain';
  label: string;
}

export interface ConstructorName extends NameBase {
  kind: 'constructor';
  /** the resource the function constructs */
  resource: string;
}

export interface ResourceFuncName extends NameBase {
  kind: 'method' | 'static';
  resource: string;
  /** the function's own name, after the `.` */
  label: string;
}

export interface InterfaceName extends NameBase {
  kind: 'interface';
  /** `wasi` in `wasi:http/types`; 🪺 several: `a:b` in `a:b:c/d` */
  namespaces: string[];
  /** `http` in `wasi:http/types` */
  package: string;
  /** `types` in `wasi:http/types`; 🪺 several: `d`, `e` in `a:b:c/d/e` */
  projections: string[];
  /** the first projection: the interface's name */
  interface: string;
  /** what follows `@`, when present */
  version?: string;
  /** 🔗 true when there is no version or the version is a `canonversion` */
  canonical: boolean;
  /** 🔗 `version` + `versionSuffix` when a suffix is given, else `version` */
  fullVersion?: string;
}

export type ParsedName = PlainName | ConstructorName | ResourceFuncName | InterfaceName;

export interface NameOptions {
  /** which names these are, for messages: `import`, `export` (→ "import name `x` …") */
  context?: string;
  /**
   * Enabled feature gates. Names read `nested-names` (🪺 `ns:ns2:pkg/a/b`) and
   * `canonical-names` (🔗 `@0.2` versions and `versionsuffix`); both off by
   * default, as in the Explainer and the conformance suite.
   */
  features?: ReadonlySet<Feature>;
}

const REMOVED_FORMS = ['unlocked-dep=', 'locked-dep=', 'relative-url=', 'url=', 'integrity='];

/**
 * Parses and checks a full extern name with its attributes; throws a
 * `CompileError` (at the name's offset) naming the rule on failure.
 */
export function parseExternName(n: ExternName, options: NameOptions = {}): ParsedName {
  const context = options.context ? `${options.context} name` : 'name';
  const parsed = parseNameSyntax(n.name, n.offset, `${context} \`${n.name}\` is not a valid extern name`, options);
  checkAttributes(n, parsed, options);
  return parsed;
}

/**
 * The syntax of an extern name alone. `subject` starts every message: the
 * phrase saying which name failed (`import name `x` is not a valid extern name`).
 */
export function parseNameSyntax(raw: string, offset: number, subject: string, options: NameOptions = {}): ParsedName {
  const kebab = (part: string): string => {
    if (!isLabel(part)) fail('validate/name-not-kebab', offset, subject, part);
    return part;
  };
  const resourceFunc = (annotation: '[method]' | '[static]', rest: string) => {
    const dot = rest.indexOf('.');
    if (dot < 0) fail('validate/name-missing-dot', offset, subject, annotation);
    return { resource: kebab(rest.slice(0, dot)), label: kebab(rest.slice(dot + 1)) };
  };

  if (raw.startsWith('[constructor]')) {
    const resource = kebab(raw.slice('[constructor]'.length));
    return { kind: 'constructor', raw, offset, resource, key: `[constructor]${labelKey(resource)}` };
  }
  for (const annotation of ['[method]', '[static]'] as const) {
    if (!raw.startsWith(annotation)) continue;
    const { resource, label } = resourceFunc(annotation, raw.slice(annotation.length));
    const kind = annotation === '[method]' ? 'method' : 'static';
    // Strong uniqueness: `[method]l.l`/`[static]l.l` is `l`, other annotations are stripped.
    const key = labelKey(resource) === labelKey(label) ? labelKey(label) : `${labelKey(resource)}.${labelKey(label)}`;
    return { kind, raw, offset, resource, label, key };
  }
  const annotation = /^\[[^\]]*\]/.exec(raw);
  if (annotation) fail('validate/name-unknown-annotation', offset, subject, annotation[0]);
  const removed = REMOVED_FORMS.find((form) => raw.startsWith(form));
  if (removed) fail('validate/name-removed-form', offset, subject, removed);

  if (raw.includes(':')) return parseInterfaceName(raw, offset, subject, options);
  return { kind: 'plain', raw, offset, label: kebab(raw), key: labelKey(raw) };
}

function parseInterfaceName(raw: string, offset: number, subject: string, options: NameOptions): InterfaceName {
  const nested = options.features?.has('nested-names') ?? false;
  const canonicalNames = options.features?.has('canonical-names') ?? false;
  let rest = raw;
  // The longest run of label characters at the front of `rest`, consumed.
  const run = (): string => {
    const part = /^[0-9A-Za-z-]*/.exec(rest)![0];
    rest = rest.slice(part.length);
    return part;
  };
  const label = (): string => {
    const part = run();
    if (!isLabel(part)) fail('validate/name-not-kebab', offset, subject, part);
    return part;
  };
  const words = (role: string): string => {
    const part = label();
    if (!isWords(part)) fail('validate/name-not-lowercase', offset, subject, role, part);
    return part;
  };

  const namespaces = [words('namespace')];
  if (!rest.startsWith(':')) fail('validate/name-expected-colon', offset, subject, rest);
  rest = rest.slice(1);
  let pkg = words('package name');
  while (nested && rest.startsWith(':')) {
    rest = rest.slice(1);
    namespaces.push(pkg);
    pkg = words('package name');
  }
  if (!rest.startsWith('/')) {
    const hint = rest.startsWith(':') ? '; nested namespaces `ns:ns2:pkg/iface` need the 🪺 nested-names feature' : '';
    fail('validate/name-expected-slash', offset, subject, hint);
  }
  const projections: string[] = [];
  do {
    rest = rest.slice(1);
    projections.push(label());
  } while (nested && rest.startsWith('/'));

  let version: string | undefined;
  if (rest.startsWith('@')) {
    version = rest.slice(1);
    rest = '';
    const ok = canonicalNames && isCanonVersion(version);
    const reason = ok ? null : semverError(version);
    if (reason) fail('validate/name-bad-version', offset, subject, version, reason);
  }
  if (rest !== '') {
    const hint =
      rest.startsWith('/') && !nested ? ' (nested interface paths `ns:pkg/iface/item` need the 🪺 nested-names feature)' : '';
    fail('validate/name-trailing-chars', offset, subject, rest, hint);
  }
  return {
    kind: 'interface',
    raw,
    offset,
    key: raw.toLowerCase(),
    namespaces,
    package: pkg,
    projections,
    interface: projections[0]!,
    ...(version !== undefined ? { version, fullVersion: version } : {}),
    canonical: version === undefined || isCanonVersion(version),
  };
}

/** The attribute rules that do not depend on the item's sort. */
function checkAttributes(n: ExternName, parsed: ParsedName, options: NameOptions): void {
  const counts = new Map<string, number>();
  for (const a of n.attributes) {
    counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    if (counts.get(a.kind)! > 1) fail('validate/name-duplicate-attribute', a.offset, n.name, a.kind);
  }

  if (n.implements !== undefined) {
    if (parsed.kind === 'interface') fail('validate/name-implements-not-plain', n.offset, n.name);
    const subject = `\`implements\` value \`${n.implements}\` of \`${n.name}\` is not a valid name`;
    const value = parseNameSyntax(n.implements, n.offset, subject, options);
    if (value.kind !== 'interface') fail('validate/name-implements-not-interface', n.offset, n.name, n.implements);
    parsed.implements = value;
  }

  if (n.versionSuffix !== undefined) {
    const offset = n.attributes.find((a) => a.kind === 'versionsuffix')?.offset ?? n.offset;
    if (!(options.features?.has('canonical-names') ?? false)) fail('validate/name-version-suffix-gated', offset, n.name);
    if (parsed.kind !== 'interface' || parsed.version === undefined || !isCanonVersion(parsed.version)) {
      fail('validate/name-version-suffix-misplaced', offset, n.name, n.versionSuffix);
    }
    const full = parsed.version + n.versionSuffix;
    const reason = semverError(full);
    if (reason) fail('validate/name-version-suffix-bad-semver', offset, n.name, full, reason);
    parsed.fullVersion = full;
    parsed.versionSuffix = n.versionSuffix;
  }

  if (n.externalId !== undefined) parsed.externalId = n.externalId;
}
