/**
 * The jco-runtime fixtures compiled once per run by each tool (memoized): the
 * output files, or why the tool refused. The size and compile-time groups
 * share these.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../test/paths.js';
import { compileWith, reason, refused, type Files, type NA, type Tool } from './tools.js';

export interface Fixture {
  file: string;
  bytes: Uint8Array;
  /** per tool: the output, or the reason it was refused */
  out: Record<Tool, Files | NA>;
}

let compiled: Promise<Fixture[]> | undefined;

export function fixtures(): Promise<Fixture[]> {
  compiled ??= (async () => {
    const list: Fixture[] = [];
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.wasm')).sort()) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
      const out = {} as Fixture['out'];
      for (const tool of ['canonjs', 'jco'] as const) {
        try {
          out[tool] = await compileWith(tool, bytes);
        } catch (e) {
          out[tool] = { na: reason(e) };
        }
      }
      list.push({ file, bytes, out });
    }
    return list;
  })();
  return compiled;
}

/** The fixtures both tools compile. */
export async function commonFixtures(): Promise<Fixture[]> {
  return (await fixtures()).filter((f) => !refused(f.out.canonjs) && !refused(f.out.jco));
}
