/**
 * An s-expression reader for `.wast` scripts (the WebAssembly text format's
 * lexical grammar): nested block comments `(; ;)`, line comments `;;`, strings
 * with `\hh` / `\u{…}` / named escapes, `$ids` (also `$"quoted"`), and
 * annotations `(@name …)`. Every node keeps its source span so a component's
 * text can be handed to the text converter verbatim.
 */

export interface Span {
  /** offset of the first character */
  start: number;
  /** offset one past the last character */
  end: number;
}

export interface Atom extends Span {
  kind: 'atom';
  /** keywords, numbers, `$ids` as written */
  text: string;
}

export interface Str extends Span {
  kind: 'string';
  /** the string's bytes after escapes (binary strings need not be UTF-8) */
  bytes: Uint8Array;
}

export interface List extends Span {
  kind: 'list';
  items: SExpr[];
}

export type SExpr = Atom | Str | List;

export class WastSyntaxError extends Error {
  override name = 'WastSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Characters allowed in a keyword / id / number (Core spec `idchar`). */
function isIdChar(ch: string): boolean {
  return /[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/.test(ch);
}

/** Reads every top-level s-expression of `src`. */
export function readSExprs(src: string): SExpr[] {
  let pos = 0;
  const stack: List[] = [];
  const top: SExpr[] = [];
  const push = (e: SExpr) => (stack.length ? stack[stack.length - 1]!.items.push(e) : top.push(e));

  while (pos < src.length) {
    const ch = src[pos]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      pos++;
    } else if (ch === ';' && src[pos + 1] === ';') {
      const nl = src.indexOf('\n', pos);
      pos = nl < 0 ? src.length : nl + 1;
    } else if (ch === '(' && src[pos + 1] === ';') {
      pos = skipBlockComment(src, pos);
    } else if (ch === '(') {
      stack.push({ kind: 'list', items: [], start: pos, end: -1 });
      pos++;
    } else if (ch === ')') {
      const list = stack.pop();
      if (!list) throw new WastSyntaxError('unbalanced `)`', pos);
      list.end = ++pos;
      push(list);
    } else if (ch === '"') {
      const { bytes, end } = readString(src, pos);
      push({ kind: 'string', bytes, start: pos, end });
      pos = end;
    } else if (ch === '$' && src[pos + 1] === '"') {
      // `$"quoted id"`: keep it as an atom spelled as written
      const { end } = readString(src, pos + 1);
      push({ kind: 'atom', text: src.slice(pos, end), start: pos, end });
      pos = end;
    } else if (isIdChar(ch)) {
      const start = pos;
      while (pos < src.length && isIdChar(src[pos]!)) pos++;
      push({ kind: 'atom', text: src.slice(start, pos), start, end: pos });
    } else {
      throw new WastSyntaxError(`unexpected character ${JSON.stringify(ch)}`, pos);
    }
  }
  if (stack.length) throw new WastSyntaxError('unclosed `(`', stack[stack.length - 1]!.start);
  return top;
}

function skipBlockComment(src: string, pos: number): number {
  const start = pos;
  let depth = 0;
  while (pos < src.length) {
    if (src[pos] === '(' && src[pos + 1] === ';') {
      depth++;
      pos += 2;
    } else if (src[pos] === ';' && src[pos + 1] === ')') {
      depth--;
      pos += 2;
      if (depth === 0) return pos;
    } else {
      pos++;
    }
  }
  throw new WastSyntaxError('unclosed block comment', start);
}

const NAMED_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, '"': 0x22, "'": 0x27, '\\': 0x5c };

/** Reads the string literal starting at the `"` at `pos`. */
function readString(src: string, pos: number): { bytes: Uint8Array; end: number } {
  const start = pos;
  const out: number[] = [];
  pos++;
  for (;;) {
    if (pos >= src.length) throw new WastSyntaxError('unclosed string', start);
    const ch = src[pos]!;
    if (ch === '"') return { bytes: Uint8Array.from(out), end: pos + 1 };
    if (ch === '\n') throw new WastSyntaxError('newline in string', pos);
    if (ch !== '\\') {
      // copy one code point as UTF-8
      const cp = src.codePointAt(pos)!;
      const s = String.fromCodePoint(cp);
      for (const b of encoder.encode(s)) out.push(b);
      pos += s.length;
      continue;
    }
    const esc = src[pos + 1];
    if (esc !== undefined && esc in NAMED_ESCAPES) {
      out.push(NAMED_ESCAPES[esc]!);
      pos += 2;
    } else if (esc === 'u' && src[pos + 2] === '{') {
      const close = src.indexOf('}', pos + 3);
      const hex = close < 0 ? '' : src.slice(pos + 3, close).replaceAll('_', '');
      if (!/^[0-9a-fA-F]+$/.test(hex)) throw new WastSyntaxError('bad \\u{…} escape', pos);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new WastSyntaxError('bad \\u{…} code point', pos);
      for (const b of encoder.encode(String.fromCodePoint(cp))) out.push(b);
      pos = close + 1;
    } else if (esc !== undefined && /^[0-9a-fA-F]{2}$/.test(src.slice(pos + 1, pos + 3))) {
      out.push(parseInt(src.slice(pos + 1, pos + 3), 16));
      pos += 3;
    } else {
      throw new WastSyntaxError(`bad string escape \\${esc ?? ''}`, pos);
    }
  }
}

// ───────────────────────── helpers ─────────────────────────

/** The string's text (invalid UTF-8 replaced; use `bytes` where that matters). */
export function strText(s: Str): string {
  return decoder.decode(s.bytes);
}

export function isAtom(e: SExpr | undefined, text?: string): e is Atom {
  return e?.kind === 'atom' && (text === undefined || e.text === text);
}

export function isList(e: SExpr | undefined, head?: string): e is List {
  return e?.kind === 'list' && (head === undefined || isAtom(e.items[0], head));
}

/** The head keyword of a list, if it has one. */
export function headOf(e: SExpr | undefined): string | undefined {
  return e?.kind === 'list' && e.items[0]?.kind === 'atom' ? e.items[0].text : undefined;
}

/** A list's items without annotations `(@…)`, which carry no meaning for the script. */
export function itemsOf(list: List): SExpr[] {
  return list.items.filter((e) => !(headOf(e)?.startsWith('@') ?? false));
}

/** Maps offsets to 1-based line numbers. */
export function lineIndex(src: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
