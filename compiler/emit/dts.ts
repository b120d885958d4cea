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

/** `(a: number, b: string) => bigint` for an export (`out`) or an import the host implements (`in`). */
export function tsFunc(f: FuncType, side: 'export' | 'import'): string {
  const argDir = side === 'export' ? 'in' : 'out';
  const resDir = side === 'export' ? 'out' : 'in';
  const params = f.params.map((p) => `${safeParam(jsName(p.name))}: ${tsType(p.type, argDir)}`).join(', ');
  let result = 'void';
  if (f.result) {
    // a result<T, E> as the function result is T, with E thrown as ComponentError
    result = f.result.kind === 'result' ? (f.result.ok ? tsType(f.result.ok, resDir) : 'void') : tsType(f.result, resDir);
  }
  if (f.async) result = side === 'export' ? `Promise<${result}>` : `${result} | Promise<${result}>`;
  return `(${params}) => ${result}`;
}

function safeParam(name: string): string {
  return /^(?:break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|implements|interface|package|private|protected|public|await)$/.test(name)
    ? `${name}_`
    : name;
}

function externTs(e: ExternType, side: 'export' | 'import'): string {
  switch (e.kind) {
    case 'func':
      return tsFunc(e.type, side);
    case 'instance':
      return instanceTs(e.type, side);
    case 'type':
      return 'unknown';
    default:
      return 'unknown';
  }
}

function instanceTs(i: InstanceType, side: 'export' | 'import'): string {
  const members = [...i.exports]
    .filter(([, e]) => e.kind === 'func' || e.kind === 'instance')
    .map(([name, e]) => `    ${JSON.stringify(jsName(name))}: ${externTs(e, side)};`);
  return `{\n${members.join('\n')}\n  }`;
}

/** The whole `.d.ts` for a compiled component. */
export function componentDts(type: ComponentType, esm: boolean): string {
  const lines: string[] = [];
  lines.push('export declare class ComponentError extends Error { payload: unknown; constructor(payload: unknown); }');
  lines.push('export interface ErrorContext { readonly debugMessage: string }');
  lines.push('export interface ImportObject {');
  for (const [name, e] of type.imports) lines.push(`  ${JSON.stringify(jsName(name))}: ${externTs(e, 'import')};`);
  lines.push('}');
  lines.push('export interface Exports {');
  for (const [name, e] of type.exports) lines.push(`  ${JSON.stringify(jsName(name))}: ${externTs(e, 'export')};`);
  lines.push('}');
  lines.push('export interface InstantiateOptions {');
  lines.push('  getCoreModule?: (fileName: string) => WebAssembly.Module | Promise<WebAssembly.Module>;');
  lines.push('}');
  lines.push('export declare function instantiate(imports?: ImportObject, options?: InstantiateOptions): Promise<Exports>;');
  if (esm) {
    let n = 0;
    for (const [name, e] of type.exports) {
      const key = jsName(name);
      const local = `_e${n++}`;
      lines.push(`declare const ${local}: Exports[${JSON.stringify(key)}];`);
      lines.push(`export { ${local} as ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)} };`);
    }
  }
  return lines.join('\n') + '\n';
}
