/**
 * The inside of a WIT `world { … }` or `interface { … }` block, printed from
 * the resolved types: type definitions (or `use` when a type was first
 * defined by another interface), resources with their members gathered in,
 * functions, and nested instances as `interface { … }` blocks.
 */
import type { ExternType, FuncType, TypeDefinition, ValType } from '../types/model.js';
import { ident } from './ident.js';
import { parseMember, type Member } from './members.js';
import { NameScope, isPrimitive } from './type.js';

/** What one world's printing remembers: the first interface (and name) defining each type. */
export interface WorldNames {
  origins: Map<object, { iface: string; name: string }>;
  global: Map<object, string>;
}

export function newWorldNames(): WorldNames {
  return { origins: new Map(), global: new Map() };
}

export type Entry = readonly [name: string, type: ExternType];

interface Ctx {
  /** the interface (or world) being printed: the key `use` statements refer to */
  iface: string;
  scope: NameScope;
  world: WorldNames;
}

/** A scope for a body: its own type entries name their objects (first name wins). */
export function bodyScope(entries: readonly Entry[], world: WorldNames): NameScope {
  const local = new Map<object, string>();
  for (const [name, t] of entries) {
    if (t.kind === 'type' && !local.has(t.type) && !isPrimitiveDef(t.type)) local.set(t.type, name);
  }
  return new NameScope(local, world.global);
}

/**
 * Lines for a list of entries (all imports, or all exports, or an instance's
 * exports). `prefix` is `import `, `export ` or '' inside an interface.
 */
export function printEntries(
  entries: readonly Entry[],
  iface: string,
  scope: NameScope,
  world: WorldNames,
  prefix: string,
  indent: string,
): string[] {
  const ctx: Ctx = { iface, scope, world };
  // Which type entries define a type here (rather than `use` one from elsewhere or alias one).
  const defines = new Set<string>();
  for (const [name, t] of entries) {
    if (t.kind !== 'type') continue;
    const origin = world.origins.get(t.type);
    if ((origin === undefined || origin.iface === iface) && scope.local.get(t.type) === name) defines.add(name);
  }
  // Gather resource members into their resource's block.
  const members = new Map<string, string[]>();
  for (const [name, t] of entries) {
    if (t.kind === 'type' && t.type.kind === 'resource' && defines.has(name)) members.set(name, []);
  }
  const rest: Entry[] = [];
  for (const entry of entries) {
    const [name, t] = entry;
    const member = t.kind === 'func' ? parseMember(name) : undefined;
    const block = member && members.get(member.resource);
    if (member && block && t.kind === 'func') block.push(memberLine(member, t.type, ctx));
    else rest.push(entry);
  }

  const lines: string[] = [];
  for (const [name, t] of rest) {
    if (t.kind === 'type') lines.push(...typeEntry(name, t.type, defines.has(name), members.get(name), ctx, prefix, indent));
    else lines.push(...externEntry(name, t, ctx, prefix, indent));
  }
  return lines;
}

function typeEntry(
  name: string,
  def: TypeDefinition,
  defines: boolean,
  members: string[] | undefined,
  ctx: Ctx,
  prefix: string,
  indent: string,
): string[] {
  const id = ident(name);
  const origin = ctx.world.origins.get(def);
  if (!defines && origin && origin.iface !== ctx.iface) {
    const rename = origin.name === name ? ident(name) : `${ident(origin.name)} as ${id}`;
    return [`${indent}use ${origin.iface}.{${rename}};`];
  }
  if (!defines) {
    const other = ctx.scope.local.get(def);
    return [`${indent}${prefix}type ${id} = ${other === undefined ? definitionText(def, ctx) : ident(other)};`];
  }
  if (!ctx.world.origins.has(def)) ctx.world.origins.set(def, { iface: ctx.iface, name });
  if (!ctx.world.global.has(def)) ctx.world.global.set(def, name);
  const head = `${indent}${prefix}`;
  const block = (kind: string, items: string[], sep: string) =>
    items.length === 0 ? [`${head}${kind} ${id} {}`] : [`${head}${kind} ${id} {`, ...items.map((i) => `${indent}  ${i}${sep}`), `${indent}}`];
  switch (def.kind) {
    case 'resource':
      return members && members.length > 0
        ? [`${head}resource ${id} {`, ...members.map((m) => `${indent}  ${m}`), `${indent}}`]
        : [`${head}resource ${id};`];
    case 'record':
      return block('record', def.fields.map((f) => `${ident(f.name)}: ${ctx.scope.ref(f.type)}`), ',');
    case 'variant':
      return block('variant', def.cases.map((c) => (c.type ? `${ident(c.name)}(${ctx.scope.ref(c.type)})` : ident(c.name))), ',');
    case 'enum':
      return block('enum', def.names.map(ident), ',');
    case 'flags':
      return block('flags', def.names.map(ident), ',');
    default:
      return [`${head}type ${id} = ${definitionText(def, ctx)};`];
  }
}

/** A type definition spelled out on one line. */
function definitionText(def: TypeDefinition, ctx: Ctx): string {
  switch (def.kind) {
    case 'resource':
      return ctx.scope.resource(def);
    case 'func':
      return funcText(def, ctx.scope);
    case 'component':
      return 'component';
    case 'instance':
      return 'interface';
    default:
      return ctx.scope.structure(def);
  }
}

function externEntry(name: string, t: ExternType, ctx: Ctx, prefix: string, indent: string): string[] {
  const head = `${indent}${prefix}${externName(name)}: `;
  switch (t.kind) {
    case 'func':
      return [`${head}${funcText(t.type, ctx.scope)};`];
    case 'value':
      return [`${head}value ${ctx.scope.ref(t.type)};`];
    case 'module': {
      const m = t.type;
      return [`${head}core module; // ${m.imports.length} imports, ${m.exports.size} exports`];
    }
    case 'instance': {
      const inner = [...t.type.exports];
      const iface = prefix === '' ? `${ctx.iface}/${name}` : name;
      const lines = printEntries(inner, iface, bodyScope(inner, ctx.world), ctx.world, '', `${indent}  `);
      return lines.length === 0 ? [`${head}interface {}`] : [`${head}interface {`, ...lines, `${indent}}`];
    }
    case 'component': {
      const lines = componentLines(t.type.imports, t.type.exports, `${ctx.iface}/${name}`, ctx.world, `${indent}  `);
      return lines.length === 0 ? [`${head}component {}`] : [`${head}component {`, ...lines, `${indent}}`];
    }
    case 'type':
      return typeEntry(name, t.type, false, undefined, ctx, prefix, indent);
  }
}

/** The body of a world or component type: imports, then exports, sharing one scope. */
export function componentLines(
  imports: Map<string, ExternType>,
  exports: Map<string, ExternType>,
  iface: string,
  world: WorldNames,
  indent: string,
): string[] {
  const ins = [...imports];
  const outs = [...exports];
  const scope = bodyScope([...ins, ...outs], world);
  return [
    ...printEntries(ins, iface, scope, world, 'import ', indent),
    ...printEntries(outs, iface, scope, world, 'export ', indent),
  ];
}

/** `func(a: T) -> R`, with `async` for an async-typed function. */
export function funcText(f: FuncType, scope: NameScope, dropFirst = false): string {
  const params = (dropFirst ? f.params.slice(1) : f.params).map((p) => `${ident(p.name)}: ${scope.ref(p.type)}`);
  const result = f.result === null ? '' : ` -> ${scope.ref(f.result)}`;
  return `${f.async ? 'async ' : ''}func(${params.join(', ')})${result}`;
}

function memberLine(m: Member, f: FuncType, ctx: Ctx): string {
  if (m.kind === 'constructor') {
    const params = f.params.map((p) => `${ident(p.name)}: ${ctx.scope.ref(p.type)}`).join(', ');
    const plain = f.result !== null && f.result.kind === 'own';
    return `constructor(${params})${plain || f.result === null ? '' : ` -> ${ctx.scope.ref(f.result)}`};`;
  }
  if (m.kind === 'method') return `${ident(m.name)}: ${funcText(f, ctx.scope, true)};`;
  return `${ident(m.name)}: static ${funcText(f, ctx.scope)};`; // `static async func` when async
}

/** Interface names (`ns:pkg/iface@1.0.0`) and annotated names print verbatim; labels as identifiers. */
export function externName(name: string): string {
  return /^[a-z0-9-]+$/.test(name) ? ident(name) : name;
}

function isPrimitiveDef(def: TypeDefinition): boolean {
  return def.kind !== 'resource' && def.kind !== 'func' && def.kind !== 'component' && def.kind !== 'instance' && isPrimitive(def as ValType);
}
