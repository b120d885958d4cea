/**
 * The module emitter: a link plan in, the generated ES module out. The
 * module holds the runtime pieces it uses, the hoisted constants of its glue,
 * `export async function instantiate(imports, options)` whose body is the
 * plan's steps in order, and (ESM mode) the top-level face.
 */
import type * as E from 'estree';
import type { LinkPlan } from '../../link/plan.js';
import type { ComponentInfo } from '../../types/validate.js';
import * as b from '../builders.js';
import { print } from '../print.js';
import { codesIn, runtimePieces } from '../runtime-pieces.js';
import { asyncFnDecl, awaitExpr, defaultParam, exportList, importMetaUrl, importNamed } from './builders-module.js';
import { esmFace, type ImportMap } from './esm.js';
import { exportsObject, finishExports } from './exports.js';
import { createState, enterFlag, instanceName, leaveFlag, type EmitState } from './state.js';
import { emitStep, type Lifts } from './steps.js';
import type { StackSwitching, SuspendPlan } from '../async/suspend.js';
import { stackModeIdent, suspenderIdent } from '../async/stack.js';
import { mappingCollector, markOffset } from './source-map.js';
import { startEpilogue } from '../component-values/index.js';
import { threadFiles } from '../threads/index.js';
import { coopComponents } from '../async/uses.js';
import { checkStackSwitchingMemory, memoryLoweringOf, type MemoryLoweringMode } from '../../transform/memory-plan.js';

export interface ModuleOptions {
  /** base name of the output files */
  name: string;
  /** what the source map calls the component binary */
  sourceName: string;
  instantiation: 'esm' | 'async';
  /** core modules smaller than this many bytes are inlined as base64 */
  inlineCutoff: number;
  map: ImportMap;
  /** how suspendable core instances switch stacks (compiler/emit/async/suspend.ts); default auto */
  stackSwitching?: StackSwitching;
  /** sync-typed host imports that may return a Promise (`iface`, `iface#func`) */
  asyncImports?: readonly string[];
  /** modules with a 64-bit or custom-page-size memory: shipped as they are and lowered, picked at instantiation (auto, default), or only one of them */
  memoryLowering?: MemoryLoweringMode;
  /** core module (and worker script) file → ES specifier whose default export is its URL (bundler plugins); default `new URL('./<file>', import.meta.url)` */
  coreModuleImport?: (file: string) => string;
}

export interface EmittedModule {
  js: string;
  /** the source map of `js` (to the component binary's byte offsets) */
  map: string;
  /** core module files written beside the JS */
  wasm: Record<string, Uint8Array>;
  /** asyncified core module files the caller must still make (compile.ts runs the transform): file, module index, suspending imports */
  /** `lowered`: asyncify the module's memory-lowered twin (a 64-bit memory) */
  asyncify: { file: string; module: number; imports: { module: string; name: string }[]; lowered: boolean }[];
  /** the stack-switching plan (for reports and tests) */
  suspend: SuspendPlan;
  /** core module files the caller must still make with the memory lowerings (compiler/transform/lower-memory.ts) */
  lowered: { file: string; module: number }[];
}

/**
 * The store's state: run-time `ComponentInstance` objects (with their handle
 * tables) when the plan uses resources, else plain flags.
 */
function instanceState(st: EmitState): E.Statement[] {
  const { plan } = st;
  if (st.objects) {
    st.runtime.add('ComponentInstance');
    const parent = (i: number) => (plan.parents[i] === undefined ? b.lit(null) : b.id(instanceName(plan.parents[i]!)));
    const insts = Array.from({ length: plan.componentInstances }, (_, i) =>
      b.constDecl(instanceName(i), b.newExpr('ComponentInstance', parent(i))),
    );
    // instances using cooperative threads keep a thread table from the start (before any task of theirs)
    const coop = [...coopComponents(plan)].map((i) => b.expr(b.call('coopEnable', b.id(instanceName(i)))));
    if (coop.length) st.runtime.add('coopEnable');
    return [...insts, ...coop, b.constDecl('store', b.member(b.id(instanceName(0)), 'store'))];
  }
  const flags: [string, E.Expression][] = [['poisoned', b.lit(false)]];
  for (let i = 0; i < plan.componentInstances; i++) {
    if (st.reentrance) flags.push([enterFlag(i), b.lit(true)]);
    if (st.leaveTracked.has(i)) flags.push([leaveFlag(i), b.lit(true)]);
  }
  return [b.letDecl(...flags)];
}

export function emitModule(plan: LinkPlan, info: ComponentInfo, options: ModuleOptions): EmittedModule {
  const st = createState(plan, info, options.sourceName, options.asyncImports ?? []);
  const lifts: Lifts = { byId: new Map() };
  const mode = options.stackSwitching ?? 'auto';
  const memoryMode = options.memoryLowering ?? 'auto';
  const lowered: EmittedModule['lowered'] = [];

  // core modules: a file beside the JS, or inline base64; a module that must
  // suspend also as an asyncified file (asyncify, auto), picked at instantiation
  const wasm: Record<string, Uint8Array> = {};
  const asyncify: EmittedModule['asyncify'] = [];
  // each file's URL is spelled where bundlers see it: `new URL('./f', import.meta.url)` or an ES import
  const urlImports: E.ImportDeclaration[] = [];
  // always an absolute URL: a bundler's URL string may be relative to the generated module
  const fileUrl = (file: string): E.Expression => {
    if (!options.coreModuleImport) return b.newExpr('URL', b.lit(`./${file}`), importMetaUrl());
    const url = b.id(`coreModuleUrl${urlImports.length}`);
    urlImports.push(importNamed(url.name, 'default', options.coreModuleImport(file)));
    return b.newExpr('URL', url, importMetaUrl());
  };
  // a thunk: `new URL` throws under a data: or blob: module URL, where getCoreModule serves
  const loadFile = (file: string): E.Expression => b.call('load', b.lit(file), b.arrow([], fileUrl(file)));
  const loads: E.Expression[] = plan.modules.map((m, i) => {
    const stem = `${options.name}.core${i === 0 ? '' : i + 1}`;
    const suspending = st.suspend.modules.get(i);
    // memory64 / custom page sizes: a lowered file too, unless told not to (compiler/transform/memory-plan.ts);
    // such a module is asyncified lowered (the driver's buffers are 32-bit): JSPI runs either variant
    const lowering = memoryMode === 'never' ? null : memoryLoweringOf(m);
    if (suspending) checkStackSwitchingMemory(m, lowering, mode);
    const lowFile = `${stem}.lowered.wasm`;
    const lowLoad = () => {
      lowered.push({ file: lowFile, module: i });
      return loadFile(lowFile);
    };
    let asyncLoad: E.Expression | undefined;
    if (suspending && mode !== 'jspi') {
      const file = `${stem}${lowering ? '.lowered' : ''}.async.wasm`;
      asyncify.push({ file, module: i, imports: suspending, lowered: lowering !== null });
      asyncLoad = loadFile(file);
      if (mode === 'asyncify') return asyncLoad;
    }
    const byStack = (jspi: E.Expression) => (asyncLoad ? b.cond(b.binary('===', stackModeIdent(), b.lit('jspi')), jspi, asyncLoad) : jspi);
    if (lowering && memoryMode === 'always') return byStack(lowLoad());
    if (lowering) st.runtime.add('engineHasMemory');
    let plain: E.Expression;
    if (m.bytes.length < options.inlineCutoff) {
      st.runtime.add('compileInline');
      plain = b.call('compileInline', b.lit(Buffer.from(m.bytes).toString('base64')));
    } else {
      wasm[`${stem}.wasm`] = m.bytes;
      plain = loadFile(`${stem}.wasm`);
    }
    return byStack(lowering ? b.cond(b.call('engineHasMemory', b.lit(lowering.memory64), b.lit(lowering.pageSize)), plain, lowLoad()) : plain);
  });
  const moduleIdent = (index: number) => b.id(`m${index}`);

  for (const step of plan.steps) {
    const before = st.locals.statements.length;
    emitStep(st, lifts, step, moduleIdent);
    for (const statement of st.locals.statements.slice(before)) markOffset(statement, step.offset, st.sourceName);
  }
  Object.assign(wasm, threadFiles(st, { ...options, fileUrl })); // shared threads: <name>.worker.js, patched core modules
  const result = exportsObject(st, lifts, plan.exports);
  finishExports(st, lifts);

  const body: E.Statement[] = [];
  if (st.suspend.instances.size) {
    // the stack switching of this instantiation, and a suspender per suspendable core instance
    st.runtime.add('pickStackSwitching');
    st.runtime.add('stackSuspender');
    body.push(b.constDecl(stackModeIdent().name, b.call('pickStackSwitching', b.lit(mode))));
  }
  if (Object.keys(wasm).length || asyncify.length || lowered.length) {
    st.runtime.add('loadCoreModule');
    const getCoreModule = b.member(b.id('options'), 'getCoreModule');
    const fetchUrl = b.call('loadCoreModule', b.call('url'));
    body.push(b.constDecl('load', b.arrow(['f', 'url'], b.cond(getCoreModule, b.call(getCoreModule, b.id('f')), fetchUrl))));
  }
  if (loads.length) {
    const pattern: E.ArrayPattern = { type: 'ArrayPattern', elements: loads.map((_, i) => moduleIdent(i)) };
    body.push(b.constDecl(pattern, awaitExpr(b.call(b.member(b.id('Promise'), 'all'), b.array(loads)))));
  }
  body.push(...instanceState(st));
  for (const [i, s] of st.suspend.instances) body.push(b.constDecl(suspenderIdent(i).name, b.call('stackSuspender', stackModeIdent(), b.id(instanceName(s.component)))));
  // unused slots (classes nothing needed) are left empty
  body.push(...st.locals.statements.filter((s) => s.type !== 'EmptyStatement'));
  body.push(...startEpilogue(st), b.ret(result));

  st.runtime.add('ComponentError');
  for (const h of st.helpers) st.runtime.add(h);
  const instantiate = asyncFnDecl('instantiate', [defaultParam('imports', b.object([])), defaultParam('options', b.object([]))], body);

  const face = options.instantiation === 'esm' ? esmFace(plan, info, options.map) : [];
  const imports = [...urlImports, ...face.filter((s) => s.type === 'ImportDeclaration')];
  const program = b.program([
    ...st.hoisted,
    b.exportNamed(instantiate),
    exportList([['ComponentError', 'ComponentError']]),
    ...face.filter((s) => s.type !== 'ImportDeclaration'),
  ]);
  const header = `// Generated by canonjs from a WebAssembly component. Do not edit.\n`;
  const map = mappingCollector(`${options.name}.js`, st.sourceName);
  const codes = new Set<string>(); // the `'stage/code'` literals of the code, for the runtime's code tables
  const code = print(program, { sourceMap: map.sink, literals: (text) => codesIn(text, codes) });
  const head = [header + (imports.length ? print(b.program(imports)) : ''), runtimePieces(st.runtime, codes)].filter((part) => part !== '');
  const joined = head.join('\n'); // flat: counted as it is
  const js = `${joined}\n${code}\n//# sourceMappingURL=${options.name}.js.map\n`;
  return { js, map: map.toString(lineBreaks(joined) + 1), wasm, asyncify, suspend: st.suspend, lowered };
}

/** How many `\n` are in `text`. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
