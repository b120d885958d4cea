/** The person-readable text of an inspect report. */
import { memoryText, type CoreModuleInfo } from './core-module.js';
import type { ComponentReport, InspectReport, ModuleReport } from './report.js';
import type { TreeNode } from './tree.js';

export function renderReport(file: string, r: InspectReport): string {
  return r.kind === 'module' ? renderModule(file, r) : renderComponent(file, r);
}

function renderComponent(file: string, r: ComponentReport): string {
  const out: string[] = [];
  out.push(`${file}: component, ${bytes(r.size)}`, '');
  out.push(`WIT (${plural(r.imports.length, 'import')}, ${plural(r.exports.length, 'export')}):`);
  out.push(...indent(r.wit.trimEnd().split('\n')), '');
  if (r.providers.length) {
    out.push('Providers (ESM mode):');
    for (const p of r.providers) {
      out.push('error' in p ? `  ${p.import}  ✗ ${p.code}: ${p.error}` : `  ${p.import}  ← ${p.provider} (${p.via === 'name' ? 'its own name' : p.via})`);
    }
    out.push('');
  }
  out.push('Structure:');
  out.push(...indent(treeLines(r.tree)), '');
  out.push('Canonical built-ins:');
  if (r.builtins.length === 0) out.push('  (none)');
  for (const g of r.builtins) out.push(`  ${g.feature}: ${g.builtins.map((b) => (b.count === 1 ? b.name : `${b.name} ×${b.count}`)).join(', ')}`);
  out.push('', `Features: ${r.features.length === 0 ? '(none)' : r.features.join(', ')}`);
  return out.join('\n') + '\n';
}

function renderModule(file: string, r: ModuleReport): string {
  const out = [`${file}: a core WebAssembly module (not a component), ${bytes(r.size)}${r.name ? `, named "${r.name}"` : ''}`, ''];
  out.push(`Imports (${r.imports.length}):`);
  for (const i of r.imports) out.push(`  ${i.module}.${i.name}: ${i.type}`);
  out.push(`Exports (${r.exports.length}):`);
  for (const e of r.exports) out.push(`  ${e.name}: ${e.kind} ${e.index}`);
  out.push(`Memories (${r.memories.length}):`);
  for (const m of r.memories) out.push(`  ${m.index}${m.imported ? ` (imported ${m.imported})` : ''}: ${memoryText(m)}`);
  out.push(`Defines ${plural(r.funcs, 'function')}, ${plural(r.tables, 'table')}, ${plural(r.globals, 'global')}`);
  return out.join('\n') + '\n';
}

/** The structure as an indented tree (├─ └─). */
export function treeLines(root: TreeNode): string[] {
  const lines = [label(root)];
  const walk = (node: TreeNode, prefix: string) => {
    if (node.kind !== 'component') return;
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${label(child)}`);
      walk(child, prefix + (last ? '   ' : '│  '));
    });
  };
  walk(root, '');
  return lines;
}

function label(n: TreeNode): string {
  const name = n.name === undefined ? '' : ` "${n.name}"`;
  switch (n.kind) {
    case 'component':
      return `component${n.index === undefined ? '' : ` ${n.index}`}${name}: ${bytes(n.size)}`;
    case 'core-module':
      return `core module ${n.index}${name}: ${bytes(n.size)}, ${moduleCounts(n)}`;
    case 'core-instance':
      return `core instance ${n.index}${name} = ${'module' in n.of ? `instantiate core module ${n.of.module}${args(n.of.args)}` : `exports ${list(n.of.exports)}`}`;
    case 'instance':
      return `instance ${n.index}${name} = ${'component' in n.of ? `instantiate component ${n.of.component}${args(n.of.args)}` : `exports ${list(n.of.exports)}`}`;
  }
}

function moduleCounts(m: CoreModuleInfo): string {
  const mems = m.memories.map((x) => `${x.imported ? 'imported ' : ''}${memoryText(x)}`);
  return [plural(m.imports.length, 'import'), plural(m.exports.length, 'export'), ...mems].join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function args(names: string[]): string {
  return names.length === 0 ? '' : ` with ${list(names)}`;
}

/** `{ a, b, c }`, shortened past a few names. */
function list(names: string[]): string {
  const shown = names.slice(0, 4).map((n) => (n === '' ? '""' : n));
  return `{ ${shown.join(', ')}${names.length > 4 ? `, … ${names.length - 4} more` : ''} }`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l === '' ? l : `  ${l}`));
}
