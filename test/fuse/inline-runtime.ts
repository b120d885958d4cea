/**
 * The runtime as generated modules get it: every declaration in one scope
 * (runtime-pieces.ts splices them from the build), here transpiled from the
 * sources with TypeScript and evaluated in one function. Calls between
 * helpers are then plain calls, not the test runner's module-namespace
 * accesses: for timings that mean something.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const FILES = [
  'traps', 'type-errors', 'component-error', 'memory', 'strings', 'lists', 'scalars',
  'transcode-source', 'transcode-write', 'transcode', 'fused',
];

let cached: Record<string, unknown> | undefined;

export function inlineRuntime(): Record<string, unknown> {
  if (cached) return cached;
  const names: string[] = [];
  let code = '';
  for (const file of FILES) {
    const source = readFileSync(new URL(`../../runtime/${file}.ts`, import.meta.url), 'utf8');
    let js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    js = js.replace(/^import\s[\s\S]*?from\s+['"][^'"]+['"];?/gm, '').replace(/^export \{\s*\};?$/gm, '');
    js = js.replace(/^export (function|const|let|class) (\w+)/gm, (_, kind: string, name: string) => {
      names.push(name);
      return `${kind} ${name}`;
    });
    code += js + '\n';
  }
  // getters: `encodedLen` and `transcodedLen` are live
  const face = names.map((n) => `get ${n}() { return ${n}; }`).join(',\n');
  cached = new Function(`${code}\nreturn {\n${face}\n};`)() as Record<string, unknown>;
  return cached;
}
