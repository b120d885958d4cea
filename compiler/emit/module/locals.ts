/**
 * Names declared inside the generated `instantiate` function: one instance's
 * state. `once(key, hint, init)` declares a const the first time a key is
 * seen (a memory view, a core export reference) and reuses it after.
 */
import type * as E from 'estree';
import * as b from '../builders.js';

export class Locals {
  readonly statements: E.Statement[] = [];
  private taken = new Set<string>();
  private keys = new Map<string, E.Identifier>();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.taken.add(name);
  }

  /** A fresh name starting with `hint`. */
  fresh(hint: string): string {
    let name = hint;
    for (let n = 1; this.taken.has(name); n++) name = `${hint}${n}`;
    this.taken.add(name);
    return name;
  }

  /** Declares `const <fresh> = init` once per key. */
  once(key: string, hint: string, init: () => E.Expression): E.Identifier {
    const hit = this.keys.get(key);
    if (hit) return hit;
    const name = this.fresh(hint);
    this.statements.push(b.constDecl(name, init()));
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
