/** The CLI's file access and output, with failures as catalogued `cli/io` errors. */
import { readFile } from 'node:fs/promises';
import { error } from '../errors/index.js';

/** Where the CLI writes: the process streams, or a capture in tests. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw error('cli/io', undefined, `cannot read ${file}: ${REASONS[code] ?? (e as Error).message}`);
  }
}
