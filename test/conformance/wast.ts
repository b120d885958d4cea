/**
 * `.wast` scripts as a list of directives. Component forms keep their source
 * (text to convert, binary bytes, or quoted text); actions and assertions
 * carry their value literals read by values.ts.
 */
import {
  WastSyntaxError,
  headOf,
  isAtom,
  itemsOf,
  lineIndex,
  readSExprs,
  strText,
  type List,
  type SExpr,
  type Span,
} from './sexpr.js';
import { readValue, type WastValue } from './values.js';
import { joinBytes } from '../../compiler/binary/patch.js';

/** How a module form gives its bytes. */
export type ModuleSource =
  /** text for the converter, exactly as the converter accepts it */
  | { form: 'text'; text: string }
  /** `binary "…"*`: the concatenated strings are the bytes */
  | { form: 'binary'; bytes: Uint8Array }
  /** `quote "…"*`: the concatenated strings are the body of a `(component …)` */
  | { form: 'quote'; text: string };

export interface ModuleForm {
  /** `component` (defines and instantiates), `definition` (defines only) or a core `module` */
  kind: 'component' | 'definition' | 'module';
  /** `$name` */
  name?: string;
  source: ModuleSource;
  span: Span;
  line: number;
}

export interface Invoke {
  kind: 'invoke';
  /** `$instance`, when given */
  instance?: string;
  name: string;
  args: WastValue[];
  span: Span;
}

interface Base {
  line: number;
  span: Span;
}

export type Directive = Base &
  (
    | { kind: 'component'; module: ModuleForm }
    | { kind: 'definition'; module: ModuleForm }
    | { kind: 'module'; module: ModuleForm }
    | { kind: 'instance'; name?: string; definition: string }
    | { kind: 'register'; as: string; instance?: string }
    | { kind: 'invoke'; action: Invoke }
    | { kind: 'assert_return'; action: Invoke; expected: WastValue[] }
    | { kind: 'assert_trap'; action: Invoke | ModuleForm; message: string }
    | { kind: 'assert_exhaustion'; action: Invoke; message: string }
    | { kind: 'assert_invalid'; module: ModuleForm; message: string }
    | { kind: 'assert_malformed'; module: ModuleForm; message: string }
    | { kind: 'assert_unlinkable'; module: ModuleForm; message: string }
    /** something this reader does not know: reported, never silently skipped */
    | { kind: 'unknown'; head: string; error: string }
  );

export type DirectiveKind = Directive['kind'];

/** Reads a whole script. Directives that do not parse become `unknown` with the reason. */
export function readWast(src: string): Directive[] {
  const lineOf = lineIndex(src);
  const out: Directive[] = [];
  for (const e of readSExprs(src)) {
    const base = { line: lineOf(e.start), span: { start: e.start, end: e.end } };
    try {
      out.push({ ...base, ...readDirective(e, src, lineOf) } as Directive);
    } catch (err) {
      if (!(err instanceof WastSyntaxError)) throw err;
      out.push({ ...base, kind: 'unknown', head: headOf(e) ?? '?', error: `${err.message} (line ${lineOf(err.offset)})` });
    }
  }
  return out;
}

type Body = Exclude<Directive, { kind: 'unknown' }> extends infer D ? (D extends Base ? Omit<D, keyof Base> : never) : never;

function readDirective(e: SExpr, src: string, lineOf: (o: number) => number): Body {
  if (e.kind !== 'list') throw new WastSyntaxError('expected a directive', e.start);
  const items = itemsOf(e);
  const head = headOf(e);
  const str = (i: number, what: string): string => {
    const s = items[i];
    if (s?.kind !== 'string') throw new WastSyntaxError(`${head}: expected ${what}`, s?.start ?? e.start);
    return strText(s);
  };
  switch (head) {
    case 'component':
    case 'module': {
      if (head === 'component' && isAtom(items[1], 'instance')) {
        const [name, def] = [items[2], items[3]];
        if (!isAtom(def) || !isAtom(name)) throw new WastSyntaxError('expected (component instance $i $D)', e.start);
        return { kind: 'instance', name: name.text, definition: def.text };
      }
      const module = readModule(e, src, lineOf);
      return { kind: module.kind, module };
    }
    case 'register':
      return { kind: 'register', as: str(1, 'a name'), ...(isAtom(items[2]) ? { instance: items[2].text } : {}) };
    case 'invoke':
      return { kind: 'invoke', action: readInvoke(e) };
    case 'assert_return':
      return { kind: 'assert_return', action: readInvoke(items[1]), expected: items.slice(2).map(readValue) };
    case 'assert_trap': {
      const target = items[1];
      const action = headOf(target) === 'invoke' ? readInvoke(target) : readModule(target, src, lineOf);
      return { kind: 'assert_trap', action, message: str(2, 'a message') };
    }
    case 'assert_exhaustion':
      return { kind: 'assert_exhaustion', action: readInvoke(items[1]), message: str(2, 'a message') };
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
      return { kind: head, module: readModule(items[1], src, lineOf), message: str(2, 'a message') };
    default:
      throw new WastSyntaxError(`unknown directive ${head ?? '(no head)'}`, e.start);
  }
}

function readInvoke(e: SExpr | undefined): Invoke {
  if (headOf(e) !== 'invoke') throw new WastSyntaxError('expected (invoke …)', e?.start ?? 0);
  const list = e as List;
  const items = itemsOf(list).slice(1);
  const first = items[0];
  const instance = isAtom(first) && first.text.startsWith('$') ? (items.shift(), first.text) : undefined;
  const name = items.shift();
  if (name?.kind !== 'string') throw new WastSyntaxError('invoke: expected a function name', list.start);
  return {
    kind: 'invoke',
    ...(instance === undefined ? {} : { instance }),
    name: strText(name),
    args: items.map(readValue),
    span: { start: list.start, end: list.end },
  };
}

/**
 * `(component $name? …)`, `(component definition $name? …)`, with the body as
 * text, `binary "…"*` or `quote "…"*`; also a core `(module …)`.
 */
export function readModule(e: SExpr | undefined, src: string, lineOf: (o: number) => number): ModuleForm {
  const head = headOf(e);
  if (head !== 'component' && head !== 'module') throw new WastSyntaxError('expected (component …)', e?.start ?? 0);
  const list = e as List;
  const items = list.items; // annotations stay: they are part of the text
  let i = 1;
  let kind: ModuleForm['kind'] = head;
  let cut: Span | undefined;
  if (head === 'component' && isAtom(items[i], 'definition')) {
    // the converter does not know `definition` (a script-level keyword): cut it out
    cut = items[i]!;
    kind = 'definition';
    i++;
  }
  let name: string | undefined;
  const id = items[i];
  if (isAtom(id) && id.text.startsWith('$')) {
    name = id.text;
    i++;
  }
  const base = { kind, ...(name === undefined ? {} : { name }), span: { start: list.start, end: list.end }, line: lineOf(list.start) };

  const mode = isAtom(items[i], 'binary') ? 'binary' : isAtom(items[i], 'quote') ? 'quote' : 'text';
  if (mode === 'text') {
    const text = cut ? src.slice(list.start, cut.start) + src.slice(cut.end, list.end) : src.slice(list.start, list.end);
    return { ...base, source: { form: 'text', text } };
  }
  const parts = items.slice(i + 1);
  const bytes: Uint8Array[] = [];
  for (const p of parts) {
    if (p.kind !== 'string') throw new WastSyntaxError(`${mode}: expected strings only`, p.start);
    bytes.push(p.bytes);
  }
  if (mode === 'binary') return { ...base, source: { form: 'binary', bytes: joinBytes(bytes) } };
  // quoted strings are the text of the fields, joined by spaces as wasm-tools' wast does
  const body = bytes.map((b) => new TextDecoder().decode(b)).join(' ');
  return { ...base, source: { form: 'quote', text: `(${head}${name ? ' ' + name : ''} ${body})` } };
}
