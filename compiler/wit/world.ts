/**
 * WIT for a whole component type: `world <name> { import …; export …; }`,
 * interfaces inline, plus one-line type strings for summaries.
 */
import type { ComponentType, ExternType } from '../types/model.js';
import { componentLines, funcText, newWorldNames } from './body.js';
import { ident } from './ident.js';
import { NameScope } from './type.js';

export function printWorld(type: ComponentType, name = 'root'): string {
  const lines = componentLines(type.imports, type.exports, '', newWorldNames(), '  ');
  return lines.length === 0 ? `world ${ident(name)} {}\n` : `world ${ident(name)} {\n${lines.join('\n')}\n}\n`;
}

/**
 * A one-line, WIT-ish description of an import or export: the function type,
 * `interface { a, b }` (member names) for instances, the definition for types.
 */
export function externTypeText(t: ExternType, scope: NameScope = new NameScope()): string {
  switch (t.kind) {
    case 'func':
      return funcText(t.type, scope);
    case 'value':
      return `value ${scope.ref(t.type)}`;
    case 'module':
      return `core module (${t.type.imports.length} imports, ${t.type.exports.size} exports)`;
    case 'instance':
      return `interface { ${[...t.type.exports.keys()].join(', ')} }`;
    case 'component': {
      const parts = [
        ...[...t.type.imports.keys()].map((n) => `import ${n}`),
        ...[...t.type.exports.keys()].map((n) => `export ${n}`),
      ];
      return `component { ${parts.join('; ')} }`;
    }
    case 'type': {
      const def = t.type;
      if (def.kind === 'resource') return 'resource';
      if (def.kind === 'func') return `type ${funcText(def, scope)}`;
      if (def.kind === 'component' || def.kind === 'instance') return `type ${def.kind}`;
      return `type ${scope.structure(def)}`;
    }
  }
}
