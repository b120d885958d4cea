/**
 * Writing compiler output: everything goes to a temporary folder beside the
 * target first, then moves in, so a failure never leaves a half-written
 * output folder.
 */
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { error } from '../errors/index.js';

export async function writeOutput(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  let staging: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    staging = await mkdtemp(join(parent, `.${basename(target)}.canonjs-`));
    await chmod(staging, 0o755); // mkdtemp makes it private
    for (const [name, contents] of Object.entries(files)) await writeFile(join(staging, name), contents);
    const existing = await stat(target).catch(() => undefined);
    if (!existing) {
      await rename(staging, target);
      staging = undefined;
      return;
    }
    if (!existing.isDirectory()) throw new Error(`${dir} exists and is not a directory`);
    for (const name of await readdir(staging)) await rename(join(staging, name), join(target, name));
  } catch (e) {
    throw error('cli/io', undefined, `cannot write ${dir}: ${(e as Error).message}`);
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}
