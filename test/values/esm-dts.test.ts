/**
 * 🪙 Values in ESM mode (a value import is the default export of the module
 * its specifier names, Explainer "ESM-integration"; a value export is a named
 * ES export) and in the generated `.d.ts` (value imports typed as the host
 * passes them in, exports as they come out), checked with TypeScript.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { typeCheck } from '../typecheck.js';
import { afterAll, describe, expect, test } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { removeStaged, scratchDir } from '../wasi/esm-host.js';
import { componentBinary } from './component-text.js';

afterAll(removeStaged);

const CONFIG = `(component
  (type $cfg' (record (field "user-name" string) (field "port" u16) (field "tags" (option (list u8)))))
  (import "cfg" (type $cfg (eq $cfg')))
  (import "config" (external-id "./config.mjs") (value $config (type $cfg)))
  (import "motd" (external-id "./motd.mjs") (value $motd (option string)))
  (import "shout" (external-id "./shout.mjs") (func $shout (param "c" $cfg) (result string)))
  (start $shout (value $config) (result (value $greeting)))
  (export "greeting" (value $greeting))
  (export "motd" (value $motd)))`;

describe('ESM mode', () => {
  test('value imports come from default exports; value exports are named exports', async () => {
    const dir = scratchDir('values-esm');
    const { files } = await compile(await componentBinary(CONFIG), { name: 'app' });
    for (const [file, contents] of Object.entries(files)) writeFileSync(join(dir, file), contents);
    writeFileSync(join(dir, 'config.mjs'), "export default { userName: 'ann', port: 8080 };\n");
    writeFileSync(join(dir, 'motd.mjs'), "export default 'welcome';\n");
    writeFileSync(join(dir, 'shout.mjs'), 'export default (c) => `${c.userName.toUpperCase()}:${c.port}:${c.tags}`;\n');
    const js = files['app.js'] as string;
    expect(js).toContain('import import1 from "./config.mjs"');
    const mod = await import(pathToFileURL(join(dir, 'app.js')).href);
    expect(mod.greeting).toBe('ANN:8080:undefined');
    expect(mod.motd).toBe('welcome');
  });
});

describe('.d.ts', () => {
  test('value imports and exports are typed; TypeScript accepts right uses and rejects wrong ones', async () => {
    const { files } = await compile(await componentBinary(CONFIG), { name: 'app', instantiation: 'async' });
    const dts = files['app.d.ts'] as string;
    expect(dts).toContain('"config": { userName: string; port: number; tags: Uint8Array | Array<number> | undefined | null };');
    expect(dts).toContain('"motd"?: string | undefined | null;');
    expect(dts).toMatch(/export interface Exports \{\n {2}"greeting": string;\n {2}"motd": string \| undefined;\n\}/);
    const messages = typeCheck(
      dts,
      `import { instantiate } from './app.js';
const shout = (c: { userName: string }) => c.userName;
const ok = await instantiate({ config: { userName: 'a', port: 1, tags: [1] }, shout });
const greeting: string = ok.greeting;
const motd: string | undefined = ok.motd;
// @ts-expect-error a number is not the record
await instantiate({ config: 5, shout });
// @ts-expect-error the greeting is a string
const wrong: number = ok.greeting;
export { greeting, motd, wrong };
`,
    );
    expect(messages).toEqual([]);
  });
});
