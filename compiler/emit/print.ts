/**
 * Prints an ESTree program once, with astring. Source maps: pass any
 * generator with mozilla `source-map`'s `addMapping` (e.g. source-map-js's
 * SourceMapGenerator); nodes carrying `loc` (see `at`) are mapped. astring
 * maps identifiers, literals and function heads, so put `loc` on those.
 */
import { GENERATOR, generate } from 'astring';
import type * as E from 'estree';

/** The part of a source-map generator astring calls. */
export interface MappingSink {
  addMapping(mapping: {
    generated: { line: number; column: number };
    original: { line: number; column: number } | null;
    source?: string | null;
    name?: string;
  }): void;
  file?: string;
}

export interface PrintOptions {
  /** write `comments` attached to nodes (default true) */
  comments?: boolean;
  indent?: string;
  sourceMap?: MappingSink;
  /**
   * Called with the printed text of each string literal and template text
   * that holds a `/` (how the module emitter finds the `'stage/code'`
   * literals of its code without scanning the whole output again).
   */
  literals?: (text: string) => void;
}

/** `PrintOptions.literals` of the print under way (printing is synchronous). */
let literals: ((text: string) => void) | undefined;

/**
 * astring prints only identifiers in import/export specifiers; ES2022 also
 * allows string names (`export { x as 'wasi:cli/run@0.2.0' }`), which
 * component interface names need.
 */
const name = (n: E.Identifier | E.Literal): string => (n.type === 'Literal' ? JSON.stringify(n.value) : n.name);
const generator = {
  ...GENERATOR,
  ImportDeclaration(node: E.ImportDeclaration, state: { write(s: string): void }) {
    const specs = node.specifiers;
    const parts: string[] = [];
    const named: string[] = [];
    for (const s of specs) {
      if (s.type === 'ImportDefaultSpecifier') parts.push(s.local.name);
      else if (s.type === 'ImportNamespaceSpecifier') parts.push(`* as ${s.local.name}`);
      else named.push(`${name(s.imported as E.Identifier | E.Literal)} as ${s.local.name}`);
    }
    if (named.length) parts.push(`{${named.join(', ')}}`);
    state.write(`import ${parts.length ? `${parts.join(', ')} from ` : ''}${JSON.stringify(node.source.value)};`);
  },
  ExportNamedDeclaration(node: E.ExportNamedDeclaration, state: { write(s: string): void }) {
    if (node.declaration) return (GENERATOR as any).ExportNamedDeclaration.call(this, node, state);
    const specs = node.specifiers.map((s) => {
      const local = name(s.local as E.Identifier | E.Literal);
      const exported = name(s.exported as E.Identifier | E.Literal);
      return local === exported ? local : `${local} as ${exported}`;
    });
    state.write(`export {${specs.join(', ')}}${node.source ? ` from ${JSON.stringify(node.source.value)}` : ''};`);
  },
  Literal(node: E.Literal & { raw?: string }, state: { write(s: string, node: E.Node): void }) {
    if (typeof node.value !== 'string') return (GENERATOR as any).Literal.call(this, node, state);
    // a string as astring writes it; the text also goes to `literals`
    const text = node.raw ?? JSON.stringify(node.value);
    state.write(text, node);
    if (literals && text.includes('/')) literals(text);
  },
  TemplateLiteral(node: E.TemplateLiteral, state: unknown) {
    (GENERATOR as any).TemplateLiteral.call(this, node, state);
    if (literals) for (const q of node.quasis) if (q.value.raw.includes('/')) literals(q.value.raw);
  },
};

export function print(node: E.Node, options: PrintOptions = {}): string {
  const outer = literals;
  literals = options.literals;
  try {
    return generate(node, {
      generator: generator as never,
      comments: options.comments ?? true,
      indent: options.indent ?? '  ',
      ...(options.sourceMap ? { sourceMap: options.sourceMap as never } : {}),
    });
  } finally {
    literals = outer;
  }
}

/** Marks `node` as coming from `source` at line/column (1-based line), for source maps. */
export function at<N extends E.Node>(node: N, source: string, line: number, column: number): N {
  node.loc = { source, start: { line, column }, end: { line, column } };
  return node;
}
