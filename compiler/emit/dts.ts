/**
 * TypeScript declarations for a compiled component, from its resolved type
 * (model.ts), following the JS contract (BRIEF.md §3) exactly as the glue does.
 */
import type { ComponentType, ExternType, FuncType, InstanceType, ValType } from '../types/model.js';
import { jsName, toUpperCamel } from '../types/names.js';

const TYPED_ARRAYS: Partial<Record<ValType['kind'], string>> = {
  s8: 'Int8Array',
  u8: 'Uint8Array',
  s16: 'Int16Array',
  u16: 'Uint16Array',
  s32: 'Int32Array',
  u32: 'Uint32Array',
  s64: 'BigInt64Array',
  u64: 'BigUint64Array',
  f32: 'Float32Array',
  f64: 'Float64Array',
};

/** The TS type of a component value, as JS sees it. `direction` matters only where in and out differ. */
export function tsType(t: ValType, direction: 'in' | 'out'): string {
  switch (t.kind) {
    case 'bool':
      return 'boolean';
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 'f32': case 'f64':
      return 'number';
    case 's64': case 'u64':
      return 'bigint';
    case 'char': case 'string':
      return 'string';
    case 'error-context':
      return 'ErrorContext';
    case 'list': {
      const typed = TYPED_ARRAYS[t.element.kind];
      const elem = typed ?? `Array<${tsType(t.element, direction)}>`;
      return typed && direction === 'in' ? `${typed} | Array<${tsType(t.element, direction)}>` : elem;
    }
    case 'record':
      return `{ ${t.fields.map((f) => `${jsName(f.name)}: ${tsType(f.type, direction)}`).join('; ')} }`;
    case 'tuple':
      return `[${t.types.map((x) => tsType(x, direction)).join(', ')}]`;
    case 'variant':
      return t.cases
        .map((c) => (c.type ? `{ tag: '${c.name}'; value: ${tsType(c.type, direction)} }` : `{ tag: '${c.name}' }`))
        .join(' | ');
    case 'enum':
      return t.names.map((n) => `'${n}'`).join(' | ');
    case 'flags':
      return `{ ${t.names.map((n) => `${jsName(n)}${direction === 'in' ? '?' : ''}: boolean`).join('; ')} }`;
    case 'option':
      if (t.type.kind === 'option') {
        return `{ tag: 'some'; value: ${tsType(t.type, direction)} } | { tag: 'none' }`;
      }
      return `${tsType(t.type, direction)} | undefined${direction === 'in' ? ' | null' : ''}`;
    case 'result':
      return `{ tag: 'ok'; value: ${t.ok ? tsType(t.ok, direction) : 'undefined'} } | { tag: 'err'; value: ${t.err ? tsType(t.err, direction) : 'undefined'} }`;
    case 'map':
      return `Map<${tsType(t.key, direction)}, ${tsType(t.value, direction)}>`;
    case 'own': case 'borrow':
      return t.resource.name ? toUpperCamel(t.resource.name) : 'object';
    case 'future':
      return `Promise<${t.element ? tsType(t.element, direction) : 'void'}>`;
    case 'stream': {
      const chunk = t.element ? (TYPED_ARRAYS[t.element.kind] ?? `Array<${tsType(t.element, direction)}>`) : 'void';
      return direction === 'out' ? `ReadableStream<${chunk}>` : `ReadableStream<${chunk}> | AsyncIterable<${chunk}>`;
    }
  }
}

/**
 * Which exported functions may return a Promise although not async-typed
 * (their core code can suspend: compiler/emit/async/suspend.ts
 * `suspendingExports`), by export path.
 */
export type Promised = (path: readonly string[]) => boolean;

const NEVER: Promised = () => false;

/**
 * `(a: number, b: string) => bigint` for an export (`out`) or an import the
 * host implements (`in`); `promised`: a sync-typed export that may return a
 * Promise (`T | Promise<T>`).
 */
export function tsFunc(f: FuncType, side: 'export' | 'import', promised = false): string {
  const argDir = side === 'export' ? 'in' : 'out';
  const resDir = side === 'export' ? 'out' : 'in';
  const params = f.params.map((p) => `${safeParam(jsName(p.name))}: ${tsType(p.type, argDir)}`).join(', ');
  let result = 'void';
  if (f.result) {
    // a result<T, E> as the function result is T, with E thrown as ComponentError
    result = f.result.kind === 'result' ? (f.result.ok ? tsType(f.result.ok, resDir) : 'void') : tsType(f.result, resDir);
  }
  if (f.async) result = side === 'export' ? `Promise<${result}>` : `${result} | Promise<${result}>`;
  else if (promised) result = `${result} | Promise<${result}>`;
  return `(${params}) => ${result}`;
}

function safeParam(name: string): string {
  return /^(?:break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|implements|interface|package|private|protected|public|await)$/.test(name)
    ? `${name}_`
    : name;
}

function externTs(e: ExternType, side: 'export' | 'import', name = '', path: readonly string[] = [], promised: Promised = NEVER): string {
  switch (e.kind) {
    case 'func':
      return tsFunc(e.type, side, side === 'export' && promised([...path, name]));
    case 'instance':
      return instanceTs(e.type, side, [...path, name], promised);
    case 'type':
      // a resource type: the class (exports), or the host's class (imports)
      if (e.type.kind !== 'resource') return 'unknown';
      return side === 'export' ? `typeof ${toUpperCamel(name)}` : 'abstract new (...args: any[]) => object';
    case 'value':
      // 🪙 the host passes a value in (the lowering form), an export carries the lifted form
      return tsType(e.type, side === 'export' ? 'out' : 'in');
    default:
      return 'unknown';
  }
}

/** The keys of an import/export scope: functions (not class members), instances, resource types, values (🪙). */
function scopeMembers(exports: Map<string, ExternType>): [key: string, name: string, e: ExternType][] {
  return [...exports]
    .filter(([name, e]) => (e.kind === 'func' && !isMember(exports, name)) || e.kind === 'instance' || isResourceType(e) || e.kind === 'value')
    .map(([name, e]) => [isResourceType(e) ? toUpperCamel(name) : jsName(name), name, e]);
}

const isResourceType = (e: ExternType): boolean => e.kind === 'type' && e.type.kind === 'resource';

const ANNOTATED = /^\[(constructor|method|static)\]([^.]+)(?:\.(.+))?$/;

/** `[method]r.f` beside a resource type `r`: a member of r's class. */
function isMember(exports: Map<string, ExternType>, name: string): boolean {
  const m = ANNOTATED.exec(name);
  const r = m ? exports.get(m[2]!) : undefined;
  return r !== undefined && isResourceType(r);
}

/** The quoted key; an option-typed value import may be left out (none). */
function memberKey(key: string, e: ExternType, side: 'export' | 'import'): string {
  const optional = side === 'import' && e.kind === 'value' && e.type.kind === 'option';
  return `${JSON.stringify(key)}${optional ? '?' : ''}`;
}

function instanceTs(i: InstanceType, side: 'export' | 'import', path: readonly string[] = [], promised: Promised = NEVER): string {
  const members = scopeMembers(i.exports).map(([key, name, e]) => `    ${memberKey(key, e, side)}: ${externTs(e, side, name, path, promised)};`);
  return `{\n${members.join('\n')}\n  }`;
}

/** UpperCamelCase names of the resource types the component imports (at the root or in interfaces). */
function importedResourceNames(imports: Map<string, ExternType>, out = new Set<string>()): Set<string> {
  for (const [name, e] of imports) {
    if (e.kind === 'instance') importedResourceNames(e.type.exports, out);
    if (isResourceType(e)) out.add(toUpperCamel(name));
  }
  return out;
}

/**
 * `declare class R { … }` for each resource type the component exports (at
 * the root or in an interface); in ESM mode the root's are module exports.
 */
function classDecls(exports: Map<string, ExternType>, out: Map<string, string>, exported: boolean, path: readonly string[] = [], promised: Promised = NEVER): void {
  for (const [name, e] of exports) {
    if (e.kind === 'instance') classDecls(e.type.exports, out, false, [...path, name], promised);
    if (!isResourceType(e)) continue;
    const cls = toUpperCamel(name);
    if (out.has(cls)) continue;
    // only the root's classes are module exports, and only in ESM mode
    const lines = [`${exported ? 'export ' : ''}declare class ${cls} {`];
    let ctor = false;
    for (const [fname, f] of exports) {
      const m = ANNOTATED.exec(fname);
      if (!m || m[2] !== name || f.kind !== 'func') continue;
      const sig = f.type;
      const params = (skip: number) =>
        sig.params.slice(skip).map((p) => `${safeParam(jsName(p.name))}: ${tsType(p.type, 'in')}`).join(', ');
      const result = tsFunc(sig, 'export', promised([...path, fname])).replace(/^\(.*?\) => /, '');
      if (m[1] === 'constructor') {
        ctor = true;
        lines.push(`  constructor(${params(0)});`);
      } else if (m[1] === 'method') {
        lines.push(`  ${jsName(m[3]!)}(${params(1)}): ${result};`);
      } else {
        lines.push(`  static ${jsName(m[3]!)}(${params(0)}): ${result};`);
      }
    }
    if (!ctor) lines.push('  private constructor();');
    lines.push('  [Symbol.dispose](): void;', '}');
    out.set(cls, lines.join('\n'));
  }
}

/** What the output does beyond its type, for the declarations of `instantiate`'s options. */
export interface DtsOptions {
  /** it spawns shared threads (🧵②): `onThreadTrap` is read */
  sharedThreads?: boolean;
}

/** The options `instantiate` reads: `onThreadTrap` only where shared threads can trap. */
function instantiateOptions(opts: DtsOptions): string[] {
  const lines = ['export interface InstantiateOptions {'];
  lines.push('  getCoreModule?: (fileName: string) => WebAssembly.Module | Promise<WebAssembly.Module>;');
  if (opts.sharedThreads) {
    lines.push('  /** A trap in a shared thread (its `code` is the trap\'s); the store is poisoned by then. */');
    lines.push('  onThreadTrap?: (error: WebAssembly.RuntimeError & { code: string }) => void;');
  }
  lines.push('}');
  return lines;
}

/** The whole `.d.ts` for a compiled component. */
export function componentDts(type: ComponentType, esm: boolean, promised: Promised = NEVER, opts: DtsOptions = {}): string {
  const lines: string[] = [];
  lines.push('export declare class ComponentError extends Error { payload: unknown; constructor(payload: unknown); }');
  lines.push('export interface ErrorContext { readonly debugMessage: string }');
  const classes = new Map<string, string>();
  classDecls(type.exports, classes, esm, [], promised);
  lines.push(...classes.values());
  // host-defined resource types: whatever objects the host's classes make
  for (const name of importedResourceNames(type.imports)) {
    if (!classes.has(name)) lines.push(`export type ${name} = object;`);
  }
  lines.push('export interface ImportObject {');
  for (const [key, name, e] of scopeMembers(type.imports)) lines.push(`  ${memberKey(key, e, 'import')}: ${externTs(e, 'import', name)};`);
  lines.push('}');
  lines.push('export interface Exports {');
  for (const [key, name, e] of scopeMembers(type.exports)) lines.push(`  ${JSON.stringify(key)}: ${externTs(e, 'export', name, [], promised)};`);
  lines.push('}');
  lines.push(...instantiateOptions(opts));
  lines.push('export declare function instantiate(imports?: ImportObject, options?: InstantiateOptions): Promise<Exports>;');
  if (esm) {
    let n = 0;
    for (const [key, , e] of scopeMembers(type.exports)) {
      if (isResourceType(e)) continue; // the class itself is exported above
      const local = `_e${n++}`;
      lines.push(`declare const ${local}: Exports[${JSON.stringify(key)}];`);
      lines.push(`export { ${local} as ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)} };`);
    }
  }
  return lines.join('\n') + '\n';
}
