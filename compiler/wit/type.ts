/**
 * WIT text for resolved value types. Named types print as their name; the
 * rest inline (anonymous records and variants too, as `record { a: u32 }`,
 * which WIT itself has no syntax for). Printing is bounded: a type tree built
 * by sharing can be exponentially large, so each printed type is memoised
 * and cut at TYPE_TEXT_LIMIT characters.
 */
import type { Resource, ValType } from '../types/model.js';
import { ident } from './ident.js';

export const TYPE_TEXT_LIMIT = 2000;

/** Where names come from while printing: the enclosing interface first, then the whole world. */
export class NameScope {
  private readonly memo = new WeakMap<object, string>();

  constructor(
    /** type or resource object → its name in the interface being printed */
    readonly local: Map<object, string> = new Map(),
    /** names known anywhere in the world (first interface that defines it) */
    readonly global: Map<object, string> = new Map(),
  ) {}

  nameOf(t: ValType | Resource): string | undefined {
    // Primitives never take a name by identity: a validator may share one object per primitive.
    if (t.kind !== 'resource' && isPrimitive(t)) return undefined;
    return this.local.get(t) ?? t.name ?? this.global.get(t);
  }

  /** A value type as a reference: its name when it has one, else its structure. */
  ref(t: ValType): string {
    const name = this.nameOf(t);
    if (name !== undefined) return ident(name);
    const known = this.memo.get(t);
    if (known !== undefined) return known;
    const text = cap(this.structure(t));
    this.memo.set(t, text);
    return text;
  }

  resource(r: Resource): string {
    const name = this.nameOf(r);
    return name === undefined ? `resource-${r.id}` : ident(name);
  }

  /** A value type spelled out (ignoring its own name): what follows `type x =`. */
  structure(t: ValType): string {
    const opt = (u: ValType | null) => (u === null ? '_' : this.ref(u));
    switch (t.kind) {
      case 'record':
        return `record { ${t.fields.map((f) => `${ident(f.name)}: ${this.ref(f.type)}`).join(', ')} }`;
      case 'variant':
        return `variant { ${t.cases.map((c) => (c.type ? `${ident(c.name)}(${this.ref(c.type)})` : ident(c.name))).join(', ')} }`;
      case 'enum':
        return `enum { ${t.names.map(ident).join(', ')} }`;
      case 'flags':
        return `flags { ${t.names.map(ident).join(', ')} }`;
      case 'list':
        return t.length === undefined ? `list<${this.ref(t.element)}>` : `list<${this.ref(t.element)}, ${t.length}>`;
      case 'tuple':
        return `tuple<${t.types.map((u) => this.ref(u)).join(', ')}>`;
      case 'option':
        return `option<${this.ref(t.type)}>`;
      case 'result':
        if (t.ok === null && t.err === null) return 'result';
        if (t.err === null) return `result<${opt(t.ok)}>`;
        return `result<${opt(t.ok)}, ${this.ref(t.err)}>`;
      case 'own':
        return this.resource(t.resource);
      case 'borrow':
        return `borrow<${this.resource(t.resource)}>`;
      case 'stream':
        return t.element === null ? 'stream' : `stream<${this.ref(t.element)}>`;
      case 'future':
        return t.element === null ? 'future' : `future<${this.ref(t.element)}>`;
      case 'map':
        return `map<${this.ref(t.key)}, ${this.ref(t.value)}>`;
      default:
        return t.kind; // a primitive
    }
  }
}

const COMPOUND = new Set<string>([
  'record', 'variant', 'enum', 'flags', 'list', 'tuple', 'option', 'result', 'own', 'borrow', 'stream', 'future', 'map',
]);

export function isPrimitive(t: ValType): boolean {
  return !COMPOUND.has(t.kind);
}

function cap(text: string): string {
  return text.length > TYPE_TEXT_LIMIT ? `${text.slice(0, TYPE_TEXT_LIMIT)}…` : text;
}
