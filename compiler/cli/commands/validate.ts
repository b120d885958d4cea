/** `canonjs validate <file>`: decode and validate; `OK` and a summary line, or the error. */
import { basename } from 'node:path';
import { Command } from 'commander';
import { validate } from '../../index.js';
import type { ComponentSummary } from '../../inspect/summary.js';
import { readInput, type CliOutput } from '../io.js';

export function validateCommand(io: CliOutput): Command {
  return new Command('validate')
    .description('check that a file is a valid component')
    .argument('<file>', 'a .wasm component')
    .action(async (file: string) => {
      const summary = validate(await readInput(file));
      io.out(`OK ${basename(file)}: ${summaryLine(summary)}\n`);
    });
}

export function summaryLine(s: ComponentSummary): string {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  return [
    `component, ${s.size} bytes`,
    n(s.imports.length, 'import'),
    n(s.exports.length, 'export'),
    n(s.coreModules.count, 'core module'),
    n(s.components.count, 'nested component'),
    `features: ${s.features.join(', ') || 'none'}`,
  ].join(', ');
}
