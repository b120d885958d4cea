/**
 * runtime/async follows the rules of compiler/emit/runtime-pieces.ts (only
 * imports and declarations at top level, no default exports, imports from
 * inside runtime/ under their own names), and works when spliced the way
 * the compiler splices the runtime: every declaration in one scope, the
 * imports dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import MagicString from 'magic-string';
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

function js(file: string): string {
  return ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
}

function program(code: string) {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: any[] };
}

describe('runtime/async follows the runtime-pieces rules', () => {
  const mine = sources(join(runtimeDir, 'async'));

  it('has only imports and declarations at top level, imported under their own names', () => {
    expect(mine.length).toBeGreaterThan(10);
    for (const file of mine) {
      for (const st of program(js(file)).body) {
        const where = `${relative(runtimeDir, file)}: ${st.type}`;
        if (st.type === 'ImportDeclaration') {
          expect(resolve(dirname(file), st.source.value).startsWith(runtimeDir + '/'), where).toBe(true);
          for (const s of st.specifiers) expect(s.type === 'ImportSpecifier' && s.imported.name === s.local.name, where).toBe(true);
          continue;
        }
        expect(st.type, where).not.toBe('ExportDefaultDeclaration');
        if (st.type === 'ExportNamedDeclaration' && !st.declaration && st.specifiers.length === 0) continue; // `export {}` of a types-only file
        const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
        expect(decl && ['FunctionDeclaration', 'ClassDeclaration', 'VariableDeclaration'].includes(decl.type), where).toBe(true);
      }
    }
  });

  it('runs spliced into one scope', async () => {
    // every runtime declaration in one scope, as the compiler inlines them (imports and `export` dropped)
    const parts: string[] = [];
    const names: string[] = [];
    for (const file of sources(runtimeDir)) {
      const code = js(file);
      const ms = new MagicString(code);
      for (const st of program(code).body) {
        if (st.type === 'ImportDeclaration' || (st.type === 'ExportNamedDeclaration' && !st.declaration)) ms.remove(st.start, st.end);
        else if (st.type === 'ExportNamedDeclaration' && st.declaration) {
          ms.remove(st.start, st.declaration.start);
          const d = st.declaration;
          if (d.id) names.push(d.id.name);
          else for (const v of d.declarations) names.push(v.id.name);
        }
      }
      parts.push(ms.toString());
    }
    const body = `${parts.join('\n')}\nreturn { ${names.join(', ')} };`;
    const rt = new Function(body)() as Record<string, any>;
    const root = new rt.ComponentInstance();
    const f = new rt.LiftedFunc(root, {
      kind: rt.LIFT_CALLBACK,
      isAsyncType: true,
      entry: () => rt.CALLBACK_YIELD,
      callback: () => {
        rt.taskReturn(root, null, 42);
        return rt.CALLBACK_EXIT;
      },
    });
    await expect(rt.hostCall(f, [])).resolves.toBe(42);
    expect(rt.schedulerOf(root).numTasks).toBe(0);
  });
});
