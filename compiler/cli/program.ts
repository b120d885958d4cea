/**
 * The `canonjs` command line: one file per command under commands/, all
 * wired here. Every failure a user can cause prints as one catalogued error
 * line (`error <code>: <message>`) and a non-zero exit, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { CompileError, error } from '../errors/index.js';
import { compileCommand } from './commands/compile.js';
import { inspectCommand } from './commands/inspect.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { processOutput, type CliOutput } from './io.js';
import { takeExitStatus } from './run/status.js';
import { packageVersion } from './version.js';

/** Exit codes: 0 ok, 1 the input was rejected (or a command failed), 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function buildProgram(io: CliOutput): Command {
  const program = new Command('canonjs')
    .description('Ahead-of-time compiler from WebAssembly components to plain ES modules')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError()
    .addCommand(compileCommand(io))
    .addCommand(inspectCommand(io))
    .addCommand(runCommand(io))
    .addCommand(validateCommand(io));
  quiet(program, io);
  for (const command of program.commands) quiet(command, io);
  return program;
}

/** Commander throws instead of exiting, and prints help/version but not its own error text. */
function quiet(command: Command, io: CliOutput): void {
  command.exitOverride().configureOutput({
    writeOut: io.out,
    writeErr: io.err,
    outputError: () => {},
  });
}

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliOutput = processOutput): Promise<number> {
  const program = buildProgram(io);
  takeExitStatus(); // a status left by an earlier call in this process does not count
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return takeExitStatus() ?? EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
      const detail = e.message.replace(/^error: /, '');
      report(io, error('cli/bad-arguments', undefined, `${detail} (see canonjs --help)`));
      return EXIT.usage;
    }
    if (e instanceof CompileError) {
      report(io, e);
      return EXIT.failed;
    }
    throw e; // a bug in canonjs: let Node print it
  }
}

function report(io: CliOutput, e: CompileError): void {
  io.err(`error ${e.code}: ${e.message}\n`);
}
