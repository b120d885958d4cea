/** `canonjs inspect <file> [--json]`: a component's WIT, structure and built-ins. */
import { basename } from 'node:path';
import { Command } from 'commander';
import { inspect } from '../../inspect/report.js';
import { renderReport } from '../../inspect/render.js';
import { reportJson } from '../../inspect/json.js';
import { readInput, type CliOutput } from '../io.js';
import { mapEntry } from './compile.js';

export function inspectCommand(io: CliOutput): Command {
  return new Command('inspect')
    .description('show a component (or core module): imports and exports as WIT, its structure, the built-ins it uses')
    .argument('<file>', 'a .wasm component or core module')
    .option('--json', 'print the same information as JSON')
    .option('-m, --map <name=specifier>', 'import name (or pattern with *) to ES specifier[#export], to show the providers it picks; repeatable', mapEntry, {})
    .action(async (file: string, opts: { json?: boolean; map: Record<string, string> }) => {
      const report = inspect(await readInput(file), { map: opts.map });
      io.out(opts.json ? reportJson(report) : renderReport(basename(file), report));
    });
}
