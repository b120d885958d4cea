/**
 * The rules compiler/emit/runtime-pieces.ts imposes on runtime files, checked
 * on the sources: top-level names unique across the whole runtime, no default
 * exports, no top-level statements other than declarations (no side effects),
 * imports only from inside runtime/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const runtimeDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') && e.name !== 'index.ts') out.push(p);
  }
  return out.sort();
}

function program(file: string) {
  const js = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
  return parse(js, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: any[] };
}

function declared(node: any): string[] {
  if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') return [node.id.name];
  if (node.type === 'VariableDeclaration') return node.declarations.map((d: any) => d.id.name);
  return [];
}

describe('runtime/resources follows the runtime-pieces rules', () => {
  const mine = sources(join(runtimeDir, 'resources'));

  it('declares top-level names unique across the runtime', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const file of sources(runtimeDir)) {
      for (const st of program(file).body) {
        const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
        for (const name of decl ? declared(decl) : []) {
          const where = relative(runtimeDir, file);
          if (seen.has(name)) dupes.push(`${name}: ${seen.get(name)} and ${where}`);
          seen.set(name, where);
        }
      }
    }
    expect(dupes).toEqual([]);
  });

  it('has only imports and declarations at top level, no default exports, no outside imports', () => {
    expect(mine.length).toBeGreaterThan(5);
    for (const file of mine) {
      for (const st of program(file).body) {
        const where = `${relative(runtimeDir, file)}: ${st.type}`;
        if (st.type === 'ImportDeclaration') {
          const target = resolve(dirname(file), st.source.value);
          expect(target.startsWith(runtimeDir + '/'), where).toBe(true);
          continue;
        }
        expect(st.type, where).not.toBe('ExportDefaultDeclaration');
        const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
        expect(decl && declared(decl).length > 0, where).toBe(true);
      }
    }
  });
});
