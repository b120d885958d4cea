/**
 * assert_trap: which trap code the suite's message stands for (the committed
 * table traps.json), and whether what a call threw is that trap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { show } from './compare.js';

export interface TrapExpectation {
  /** a key of runtime/traps.ts's TRAPS */
  code: string;
  /** for `trap/core`: a substring of the engine's RuntimeError message */
  engine?: string;
}

type Entry = string | TrapExpectation;

export interface TrapTable {
  /** entries, longest key first */
  entries: [key: string, TrapExpectation][];
  /** per-case overrides: case id (`<file>:<line>:assert_trap`) → the trap */
  cases: Map<string, TrapExpectation>;
}

export function trapsPath(): string {
  return join(repoRoot(), 'test/conformance/traps.json');
}

export function loadTrapTable(path = trapsPath()): TrapTable {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    messages: Record<string, Entry>;
    cases?: Record<string, TrapExpectation & { why: string }>;
  };
  const entries = Object.entries(file.messages).map(
    ([k, v]) => [k, typeof v === 'string' ? { code: v } : v] as [string, TrapExpectation],
  );
  entries.sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
  const cases = new Map(
    Object.entries(file.cases ?? {}).map(([id, { code, engine }]) => [id, { code, ...(engine === undefined ? {} : { engine }) }]),
  );
  return { entries, cases };
}

/**
 * The trap the suite's `message` means, or null when the table has no entry.
 * A per-case override wins over the message. `poisoned`: an earlier trap
 * poisoned the instance. wasmtime reports a call
 * into a poisoned instance with the same words as reentrance ("cannot enter
 * component instance"); canonjs tells the two apart, so there the expected
 * code is `trap/poisoned`.
 */
export function expectedTrap(table: TrapTable, message: string, poisoned: boolean, caseId?: string): TrapExpectation | null {
  const override = caseId === undefined ? undefined : table.cases.get(caseId);
  const want = override ?? table.entries.find(([key]) => message.includes(key))?.[1];
  if (!want) return null;
  return poisoned && want.code === 'trap/cannot-enter' ? { code: 'trap/poisoned' } : want;
}

/** Null when `thrown` is the expected trap, else what is wrong with it. */
export function checkTrap(thrown: unknown, want: TrapExpectation): string | null {
  if (!(thrown instanceof WebAssembly.RuntimeError)) {
    const code = codeOf(thrown);
    return `expected a trap (RuntimeError with code ${want.code}), got ${show(thrown)}${code ? ` (code ${code})` : ''}`;
  }
  const code = codeOf(thrown);
  if (code !== want.code) return `trapped for another reason: code ${code ?? '(none)'} (${thrown.message}), expected ${want.code}`;
  if (want.engine !== undefined && !thrown.message.includes(want.engine)) {
    return `core trap for another reason: ${JSON.stringify(thrown.message)}, expected the engine's ${JSON.stringify(want.engine)}`;
  }
  return null;
}

export function codeOf(e: unknown): string | undefined {
  const c = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof c === 'string' ? c : undefined;
}
