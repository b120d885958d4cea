/** `canonjs compile <in.wasm> -o <dir>`: the component as an ES module, its core modules and a .d.ts. */
import { basename, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { compile } from '../../compile.js';
import { readInput, type CliOutput } from '../io.js';
import { writeOutput } from '../output.js';

interface Flags {
  out: string;
  name?: string;
  map: Record<string, string>;
  instantiation: 'esm' | 'async';
  inlineCutoff?: number;
  typescript: boolean;
  quiet?: boolean;
  stackSwitching: 'jspi' | 'asyncify' | 'auto';
  asyncImports: string[];
  memoryLowering: 'auto' | 'always' | 'never';
}

export function mapEntry(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError(`expected name=specifier, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function byteCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a number of bytes, got ${JSON.stringify(value)}`);
  return n;
}

export function compileCommand(io: CliOutput): Command {
  return new Command('compile')
    .description('compile a component to an ES module')
    .argument('<file>', 'a .wasm component')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('-n, --name <name>', 'base name of the output files (default: the input file name)')
    .option('-m, --map <name=specifier>', 'import name (or pattern with *) to ES specifier[#export]; repeatable', mapEntry, {})
    .addOption(new Option('--instantiation <mode>', 'esm: instantiate at top level; async: only export instantiate()').choices(['esm', 'async']).default('esm'))
    .option('--inline-cutoff <bytes>', 'inline core modules smaller than this as base64 (default 4096)', byteCount)
    .option('--no-typescript', 'do not write a .d.ts')
    .addOption(
      new Option('--stack-switching <mode>', 'how blocking core code suspends: jspi, asyncify, or auto (ship both, pick at instantiation)')
        .choices(['jspi', 'asyncify', 'auto'])
        .default('auto'),
    )
    .option('--async-imports <name>', 'a sync-typed host import (interface, or interface#function) that may return a Promise; repeatable', collect, [])
    .addOption(
      new Option('--memory-lowering <mode>', 'core modules with memory64 or custom page sizes: auto (ship them as they are and lowered, pick at instantiation), always, never')
        .choices(['auto', 'always', 'never'])
        .default('auto'),
    )
    .option('-q, --quiet', 'print nothing on success')
    .action(async (file: string, flags: Flags) => {
      const name = flags.name ?? basename(file).replace(/(\.component)?\.wasm$/, '');
      const { files } = await compile(await readInput(file), {
        name,
        map: flags.map,
        instantiation: flags.instantiation,
        inlineCutoff: flags.inlineCutoff,
        typescript: flags.typescript,
        stackSwitching: flags.stackSwitching,
        asyncImports: flags.asyncImports,
        memoryLowering: flags.memoryLowering,
        // the source map names the input as seen from the output folder
        sourceName: relative(resolve(flags.out), resolve(file)),
      });
      await writeOutput(flags.out, files);
      if (!flags.quiet) {
        const sizes = Object.entries(files).map(([n, c]) => `  ${n}  ${typeof c === 'string' ? Buffer.byteLength(c) : c.length} bytes`);
        io.out(`compiled ${basename(file)} → ${flags.out}\n${sizes.join('\n')}\n`);
      }
    });
}
