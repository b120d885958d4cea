/**
 * Source maps of generated glue. The original "source" is the component
 * binary: a generated statement maps to line 1, column = the byte offset of
 * the definition it comes from (the convention of wasm source maps), so a
 * stack trace through glue can be traced to the canon definition or core
 * instantiation that made it.
 */
import type * as E from 'estree';
import { SourceMapGenerator } from 'source-map-js';
import type { MappingSink } from '../print.js';

/** Marks `node` and the names it declares as coming from byte `offset` (unless already marked). */
export function markOffset(node: E.Node, offset: number, source: string): void {
  const at = (n: E.Node) => {
    if (!n.loc) n.loc = { source, start: { line: 1, column: offset }, end: { line: 1, column: offset } };
  };
  at(node);
  if (node.type === 'VariableDeclaration') {
    for (const d of node.declarations) {
      at(d.id);
      if (d.init) at(d.init);
    }
  }
  if (node.type === 'FunctionExpression' && node.id) at(node.id);
}

/**
 * Collects the mappings astring reports while printing the module's code;
 * `toString(lineOffset)` writes the map once it is known how many lines
 * (header, imports, runtime pieces) come before that code.
 */
export function mappingCollector(file: string, source: string) {
  const mappings: Parameters<MappingSink['addMapping']>[0][] = [];
  // astring hands over one reused mapping object whose `generated` is its live state: copy
  const sink: MappingSink = {
    addMapping: (m) =>
      void (m.original &&
        mappings.push({
          generated: { line: m.generated.line, column: m.generated.column },
          original: { line: m.original.line, column: m.original.column },
          ...(m.name ? { name: m.name } : {}),
        })),
  };
  return {
    sink,
    toString(lineOffset: number): string {
      const generator = new SourceMapGenerator({ file });
      for (const m of mappings) {
        generator.addMapping({
          generated: { line: m.generated.line + lineOffset, column: m.generated.column },
          original: m.original!,
          source,
          ...(m.name ? { name: m.name } : {}),
        });
      }
      return generator.toString();
    },
  };
}
