/**
 * Names declared inside the generated `instantiate` function: one instance's
 * state. `once(key, hint, init)` declares a const the first time a key is
 * seen (a memory view, a core export reference) and reuses it after.
 */
import type * as E from 'estree';
import * as b from '../builders.js';
import { runtimeNameSet } from '../runtime-pieces.js';

/** Words a `const` or function name cannot be (in a module, which is strict code). */
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity')
    .split(' '),
);

/** `name`, or `name_` when it is a reserved word (`enum` → `enum_`). */
export const safeIdent = (name: string): string => (RESERVED.has(name) ? `${name}_` : name);

/** The names the module emitter gives plan items: canon functions, core instances, modules, component instances. */
const SYSTEMATIC = /^(?:[fim]|inst)\d+$/;

export class Locals {
  readonly statements: E.Statement[] = [];
  private taken = new Set<string>();
  private keys = new Map<string, E.Identifier>();
  /** per hint, the first candidate (0: the hint itself, n: `<hint>n`) `fresh` has not yet seen taken */
  private next = new Map<string, number>();

  /** the inlined runtime's declarations live at module level: a local must not shadow one */
  private runtime = runtimeNameSet();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.taken.add(name);
  }

  private isTaken(name: string): boolean {
    return this.taken.has(name) || this.runtime.has(name) || RESERVED.has(name);
  }

  /** A fresh name starting with `hint`. */
  fresh(hint: string): string {
    // numbered names (`f3`, `i0`, `m1`, `inst2`) belong to plan items, declared without `fresh`
    const sep = SYSTEMATIC.test(`${hint}1`) ? '_' : '';
    const candidate = (n: number) => (n === 0 ? safeIdent(hint) : `${hint}${sep}${n}`);
    // names are never released: the candidates an earlier call skipped are still taken
    let n = this.next.get(hint) ?? 0;
    let name = candidate(n);
    while (this.isTaken(name) || SYSTEMATIC.test(name)) name = candidate(++n);
    this.next.set(hint, n + 1);
    this.taken.add(name);
    return name;
  }

  /** Declares `const <fresh> = init(<fresh>)` once per key. */
  once(key: string, hint: string, init: (name: string) => E.Expression): E.Identifier {
    const hit = this.keys.get(key);
    if (hit) return hit;
    const name = this.fresh(hint);
    this.statements.push(b.constDecl(name, init(name)));
    const ident = b.id(name);
    this.keys.set(key, ident);
    return ident;
  }

  /** Binds `key` to an already declared identifier. */
  bind(key: string, ident: E.Identifier): void {
    this.keys.set(key, ident);
  }

  lookup(key: string): E.Identifier | undefined {
    return this.keys.get(key);
  }

  push(...statements: E.Statement[]): void {
    this.statements.push(...statements);
  }
}
