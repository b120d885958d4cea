/**
 * Type-checks a use of a generated `.d.ts` with TypeScript, as a user's
 * project would (strict, NodeNext modules): the `.d.ts` is written as
 * `app.d.ts`, the use as `use.ts`, in a fresh temp folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { tempDir } from './tmp.js';

/** TypeScript's messages for `use` (importing `./app.js`) beside `dts`; none when it type-checks. */
export function typeCheck(dts: string, use: string): string[] {
  const dir = tempDir('dts');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(dir, 'app.d.ts'), dts);
  writeFileSync(join(dir, 'use.ts'), use);
  const program = ts.createProgram([join(dir, 'use.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
