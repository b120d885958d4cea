/**
 * The `.d.ts` of a component with shared threads declares `onThreadTrap`
 * among `instantiate`'s options (the output reads it); one without shared
 * threads does not. Checked with TypeScript on a use of each.
 */
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { typeCheck } from '../typecheck.js';
import { SPAWN_INDIRECT } from './components.js';
import { threadComponent } from './encode.js';

const PLAIN = `(component
  (core module $M (func (export "one") (result i32) (i32.const 1)))
  (core instance $m (instantiate $M))
  (func (export "one") (result u32) (canon lift (core func $m "one"))))`;

test('a component with shared threads declares onThreadTrap; TypeScript checks its use', async () => {
  const { files } = await compile(await threadComponent(SPAWN_INDIRECT), { name: 'app', instantiation: 'async' });
  const dts = files['app.d.ts'] as string;
  expect(dts).toContain('onThreadTrap?: (error: WebAssembly.RuntimeError & { code: string }) => void;');
  const messages = typeCheck(
    dts,
    `import { instantiate } from './app.js';
export const ok = instantiate({ log: () => {} }, { onThreadTrap: (e) => console.log(e.code, e.message) });
// @ts-expect-error the handler gets the error, not a number
export const wrong = instantiate({ log: () => {} }, { onThreadTrap: (e: number) => e });
`,
  );
  expect(messages).toEqual([]);
});

test('a component without shared threads does not', async () => {
  const { files } = await compile(await parse(PLAIN), { name: 'app', instantiation: 'async' });
  const dts = files['app.d.ts'] as string;
  expect(dts).not.toContain('onThreadTrap');
  const messages = typeCheck(
    dts,
    `import { instantiate } from './app.js';
// @ts-expect-error no shared threads, no such option
export const e = instantiate({}, { onThreadTrap: () => {} });
`,
  );
  expect(messages).toEqual([]);
});
