/**
 * The runtime is spliced into generated code by compiler/emit/runtime-pieces.ts,
 * which imposes rules on every runtime file, checked here on the sources:
 * top-level names unique across the whole runtime; only imports and
 * declarations at top level (no side effects, no default exports); imports
 * only from inside runtime/, under their own names. Then the real splicer
 * is run: the pieces it picks evaluate in one scope and work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { runtimeNames, runtimePieces } from '../compiler/emit/runtime-pieces.js';

const runtimeDir = dirname(fileURLToPath(import.meta.url));

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

/** Evaluates the spliced pieces for `names` in one scope and returns those names' values. */
function splice(names: string[]): Record<string, any> {
  return new Function(`${runtimePieces(names)}\nreturn { ${names.join(', ')} };`)();
}

describe('the runtime follows the runtime-pieces rules', () => {
  const files = sources(runtimeDir);

  it('declares top-level names unique across the runtime', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const file of files) {
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

  it('has only imports (from runtime/, under their own names) and declarations at top level', () => {
    for (const file of files) {
      for (const st of program(file).body) {
        const where = `${relative(runtimeDir, file)}: ${st.type}`;
        if (st.type === 'ImportDeclaration') {
          expect(resolve(dirname(file), st.source.value).startsWith(runtimeDir + '/'), where).toBe(true);
          for (const s of st.specifiers) expect(s.type === 'ImportSpecifier' && s.imported.name === s.local.name, where).toBe(true);
          continue;
        }
        expect(st.type, where).not.toBe('ExportDefaultDeclaration');
        if (st.type === 'ExportNamedDeclaration' && !st.declaration && st.specifiers.length === 0) continue; // types-only file
        const decl = st.type === 'ExportNamedDeclaration' ? st.declaration : st;
        expect(decl && declared(decl).length > 0, where).toBe(true);
      }
    }
  });
});

describe('the spliced runtime works', () => {
  it('every runtime declaration evaluates together in one scope', () => {
    const all = splice(runtimeNames());
    expect(typeof all.trap).toBe('function');
    expect(typeof all.HandleTable).toBe('function');
  });

  it('an async callback lift runs through the spliced scheduler', async () => {
    const rt = splice(['ComponentInstance', 'LiftedFunc', 'LIFT_CALLBACK', 'CALLBACK_YIELD', 'CALLBACK_EXIT', 'taskReturn', 'hostCall', 'schedulerOf']);
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

  it('a trap raised by spliced code carries its code, with the code table pruned to what is used', () => {
    const text = runtimePieces(['trap'], `trap('trap/invalid-utf8')`);
    expect(text).toContain("'trap/invalid-utf8'");
    expect(text).not.toContain("'trap/invalid-char'");
    const { trap } = new Function(`${text}\nreturn { trap };`)();
    expect(() => trap('trap/invalid-utf8')).toThrow(expect.objectContaining({ name: 'RuntimeError', code: 'trap/invalid-utf8' }));
  });
});
