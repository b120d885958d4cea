/**
 * Module forms → binary. Text goes through wasm-tools' `parse()` (the
 * converter the project uses for component text); `binary` forms are their
 * bytes; `quote` forms are text built by the reader.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import type { ModuleForm } from './wast.js';

export type Converted = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export async function toBinary(m: ModuleForm): Promise<Converted> {
  if (m.source.form === 'binary') return { ok: true, bytes: m.source.bytes };
  try {
    return { ok: true, bytes: await parse(m.source.text) };
  } catch (e) {
    return { ok: false, message: converterMessage(e) };
  }
}

/**
 * wasm-tools errors arrive as a Rust `Debug` dump; keep what a reader needs:
 * the error kind (`Custom("…")` text, or e.g. `Lex(InvalidStringEscape('z'))`)
 * and the line/column it names.
 */
export function converterMessage(e: unknown): string {
  const raw = String(e instanceof Error ? e.message || e : e).replace(/^Error: /, '');
  const custom = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(raw);
  const other = /kind: ((?!Wast\b)\w+\(.*?\))\s*\}/.exec(raw);
  const where = /line: (\d+), col: (\d+)/.exec(raw);
  const what = custom ? JSON.parse(`"${custom[1]}"`) : other ? other[1]! : raw;
  return where ? `${what} (text line ${Number(where[1]) + 1}, column ${Number(where[2]) + 1})` : what;
}
