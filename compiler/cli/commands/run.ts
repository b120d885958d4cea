/** `canonjs run <cmd.wasm> [--dir host[::guest]] [--env K=V] [-- args…]`: run a WASI command component under Node. */
import { Command, InvalidArgumentError } from 'commander';
import { readInput, type CliOutput } from '../io.js';
import { parseDir, runComponent, type PreopenDir } from '../run/run.js';
import { setExitStatus } from '../run/status.js';
import { mapEntry } from './compile.js';

interface Flags {
  dir: PreopenDir[];
  env: Record<string, string>;
  map: Record<string, string>;
  cache: boolean;
}

function dirEntry(value: string, previous: PreopenDir[]): PreopenDir[] {
  const d = parseDir(value);
  if (d.host === '' || d.guest === '') throw new InvalidArgumentError(`expected host[::guest], got ${JSON.stringify(value)}`);
  return [...previous, d];
}

/** `K=V` sets K; a bare `K` passes the host's value of K on (as wasmtime does). */
function envEntry(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq === 0) throw new InvalidArgumentError(`expected K=V or K, got ${JSON.stringify(value)}`);
  if (eq > 0) return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
  const host = process.env[value];
  return host === undefined ? previous : { ...previous, [value]: host };
}

export function runCommand(_io: CliOutput): Command {
  return new Command('run')
    .description('compile (cached) and run a WASI 0.2 command component (one that exports wasi:cli/run) under Node')
    .argument('<file>', 'a .wasm command component')
    .argument('[args...]', "the program's arguments (put them after --)")
    .option('--dir <host[::guest]>', 'give the program a host folder, seen at guest (default: the same path); repeatable', dirEntry, [])
    .option('--env <K=V>', 'set an environment variable (a bare K passes the host value on); repeatable', envEntry, {})
    .option('-m, --map <name=specifier>', 'serve a non-WASI import from an ES module, as compile --map; repeatable', mapEntry, {})
    .option('--no-cache', 'recompile even if the cache has this component')
    .action(async (file: string, args: string[], flags: Flags) => {
      const { code } = await runComponent(file, await readInput(file), {
        args,
        env: flags.env,
        dirs: flags.dir,
        map: flags.map,
        useCache: flags.cache,
      });
      setExitStatus(code);
    });
}
