/**
 * `canonjs run`: compile a `wasi:cli/run` command component (cached), then run
 * it in a child Node process with the WASI 0.2 host of
 * `@bytecodealliance/preview2-shim`: stdin/stdout/stderr, arguments,
 * environment, preopened folders and the exit code pass through.
 *
 * A child process, not this one: the guest's `exit` ends its process, and the
 * shim's I/O worker and global state (args, preopens) belong to one run.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeComponent } from '../../binary/decode.js';
import { fail } from '../../errors/index.js';
import { needsProvider, resolveProviders, type ImportMap, type Provider } from '../../link/providers.js';
import { jsName, toUpperCamel } from '../../types/names.js';
import { semverCompatible } from '../../types/names/semver.js';
import { validateComponent } from '../../types/validate.js';
import { cachedCompile, ENTRY_NAME } from './cache.js';
import { CONFIG_VAR, RUNNER_FILE, RUNNER_SOURCE, type RunnerConfig } from './runner.js';

export interface PreopenDir {
  /** the folder on the host */
  host: string;
  /** the path the guest sees (default: the host path as given) */
  guest?: string;
}

export interface RunOptions {
  /** the guest's arguments after its name (argv[0] is the file's base name) */
  args?: string[];
  /** the guest's whole environment (nothing is inherited unless given here) */
  env?: Record<string, string>;
  dirs?: PreopenDir[];
  /** providers for non-WASI imports, as `compile --map` */
  map?: ImportMap;
  /** `inherit` (default) or `pipe` (then `input` is written to stdin and the output collected) */
  stdio?: 'inherit' | 'pipe';
  input?: string | Uint8Array;
  /** the cache folder (default: see cache.ts); `useCache: false` recompiles */
  cacheDir?: string;
  useCache?: boolean;
  /** the name shown as argv[0] (default: the file's base name) */
  argv0?: string;
}

export interface RunResult {
  /** the process exit code (a signal counts as 128 + its number) */
  code: number;
  stdout?: Buffer;
  stderr?: Buffer;
}

const requireHere = createRequire(import.meta.url);
const SHIM = '@bytecodealliance/preview2-shim';

/** A provider's specifier as a URL the child can import: packages resolve from canonjs, paths from the cwd. */
function providerUrl(specifier: string): string {
  if (/^(file|data|node|https?):/.test(specifier)) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(specifier)).href;
  for (const from of [requireHere, createRequire(join(process.cwd(), 'noop.js'))]) {
    try {
      return pathToFileURL(from.resolve(specifier)).href;
    } catch {
      // next place
    }
  }
  return fail('cli/io', undefined, `cannot find the module ${specifier} (from canonjs or from ${process.cwd()})`);
}

/** Parses `host[::guest]`. */
export function parseDir(text: string): PreopenDir {
  const sep = text.indexOf('::');
  return sep < 0 ? { host: text } : { host: text.slice(0, sep), guest: text.slice(sep + 2) };
}

/** Compiles (cached) and writes the runner; returns what to spawn. */
export async function prepareRun(file: string, bytes: Uint8Array, options: RunOptions = {}): Promise<{ runner: string; config: RunnerConfig }> {
  const info = validateComponent(decodeComponent(bytes));
  // providers first: a component of another WASI version learns which versions are on offer
  const names = [...info.type.imports.keys()];
  const requests = names.map((name) => {
    const def = info.component.defs.find((d) => d.kind === 'import' && d.name.name === name);
    const attrs = def && def.kind === 'import' ? def.name : undefined;
    return { name, externalId: attrs?.externalId, versionSuffix: attrs?.versionSuffix };
  });
  const providers: Provider[] = resolveProviders(requests, { map: options.map ?? {} });
  for (const p of providers) {
    if ((p.via === 'name' || p.via === 'external-id') && needsProvider(info.type.imports.get(p.import))) fail('cli/run-no-provider', undefined, p.import);
  }

  const runName = [...info.type.exports.keys()].find((n) => {
    const at = n.indexOf('@');
    return at > 0 && n.slice(0, at) === 'wasi:cli/run' && semverCompatible(n.slice(at + 1), '0.2');
  });
  if (runName === undefined) fail('cli/not-a-command', undefined, basename(file), [...info.type.exports.keys()].join(', ') || 'none');

  const entry = await cachedCompile(bytes, { root: options.cacheDir, useCache: options.useCache });
  const runner = join(entry.dir, RUNNER_FILE);
  await writeFile(runner, RUNNER_SOURCE);

  const preopens: Record<string, string> = {};
  for (const d of options.dirs ?? []) preopens[d.guest ?? d.host] = resolve(d.host);
  const config: RunnerConfig = {
    module: pathToFileURL(join(entry.dir, `${ENTRY_NAME}.js`)).href,
    imports: providers.flatMap((p) => {
      const t = info.type.imports.get(p.import);
      if (!needsProvider(t)) return [];
      if (t?.kind === 'func' && p.import.startsWith('[')) return []; // comes with its resource's class
      const key = t?.kind === 'type' ? toUpperCamel(p.import) : jsName(p.import);
      return [[key, providerUrl(p.specifier), p.export ?? null, p.via === 'builtin']] as RunnerConfig['imports'];
    }),
    run: runName,
    cli: providerUrl(`${SHIM}/cli`),
    filesystem: providerUrl(`${SHIM}/filesystem`),
    args: [options.argv0 ?? basename(file), ...(options.args ?? [])],
    env: Object.entries(options.env ?? {}),
    preopens,
  };
  return { runner, config };
}

/** Runs the command component in `file`; resolves with its exit code (and output when piped). */
export async function runComponent(file: string, bytes: Uint8Array, options: RunOptions = {}): Promise<RunResult> {
  const { runner, config } = await prepareRun(file, bytes, options);
  const pipe = options.stdio === 'pipe';
  const stdio: StdioOptions = pipe ? ['pipe', 'pipe', 'pipe'] : 'inherit';
  const child = spawn(process.execPath, [runner], { stdio, env: { ...process.env, [CONFIG_VAR]: JSON.stringify(config) } });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (pipe) {
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.stdin!.on('error', () => {}); // the guest may exit without reading its input
    child.stdin!.end(options.input ?? '');
  }
  const code = await new Promise<number>((done, failed) => {
    child.on('error', failed);
    child.on('close', (status, signal) => done(status ?? 128 + signalNumber(signal)));
  });
  return pipe ? { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) } : { code };
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 0;
}
