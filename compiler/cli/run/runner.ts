/**
 * The child process of `canonjs run`, as plain JavaScript (it runs under
 * bare Node, beside the compiled component in the cache). The parent has
 * resolved every provider to a file URL, so the shim module the runner
 * configures (args, env, preopens) is the very instance the component uses.
 *
 * Exit codes: the guest's own (`wasi:cli/exit` exits the process through the
 * shim), else 0 when `run` returns ok, 1 when it returns err, 134 on a trap
 * (128 + SIGABRT, as wasmtime does) or a failed instantiation.
 */
import { SHIM_COMPAT_SOURCE } from './shim-compat.js';

/** What the parent passes (JSON in $CANONJS_RUN_CONFIG). */
export interface RunnerConfig {
  /** file URL of the compiled module */
  module: string;
  /** [JS key, provider module URL, export name or null, is it preview2-shim] per component import */
  imports: [key: string, url: string, exportName: string | null, shim: boolean][];
  /** the exported run interface, e.g. `wasi:cli/run@0.2.0` */
  run: string;
  /** file URLs of the shim's cli and filesystem modules */
  cli: string;
  filesystem: string;
  args: string[];
  env: [string, string][];
  /** guest path → host path */
  preopens: Record<string, string>;
}

export const RUNNER_FILE = 'canonjs-run.mjs';
export const CONFIG_VAR = 'CANONJS_RUN_CONFIG';

export const RUNNER_SOURCE = `// canonjs run: the child process that runs one command component (generated; see compiler/cli/run/runner.ts).
import { inspect } from 'node:util';

const config = JSON.parse(process.env.${CONFIG_VAR});
delete process.env.${CONFIG_VAR};

const cli = await import(config.cli);
const filesystem = await import(config.filesystem);
cli._setArgs(config.args);
cli._setEnv(Object.fromEntries(config.env));
cli._setCwd(Object.hasOwn(config.preopens, '/') ? '/' : undefined);
filesystem._setPreopens(config.preopens);

const describe = (e) => (e instanceof Error ? e.stack : inspect(e, { depth: 4 }));
${SHIM_COMPAT_SOURCE}
let exports;
try {
  const { instantiate, ComponentError } = await import(config.module);
  const imports = {};
  for (const [key, url, name, shim] of config.imports) {
    const mod = await import(url);
    const value = name === null ? (mod.default ?? mod) : mod[name];
    imports[key] = shim ? adaptShim(value, ComponentError) : value;
  }
  exports = await instantiate(imports);
} catch (e) {
  process.stderr.write('canonjs run: instantiation failed: ' + describe(e) + '\\n');
  process.exit(134);
}

let code = 0;
try {
  exports[config.run].run();
} catch (e) {
  if (e && e.name === 'ComponentError') code = 1; // run returned err
  else {
    process.stderr.write('canonjs run: ' + (e instanceof WebAssembly.RuntimeError ? 'trap: ' : '') + describe(e) + '\\n');
    code = 134;
  }
}
// Exit now: the shim's I/O worker would keep the process alive.
process.exit(code);
`;
