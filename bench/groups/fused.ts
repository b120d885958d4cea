/**
 * A cross-component string call (bench/components/fused-string.wat): the host
 * calls B's `relay(s)`, B's core calls A's `echo(s)` through a lowered
 * import. canonjs makes the B → A call one fused adapter (memory to memory);
 * jco goes through its own glue. The floor is canonjs's direct one-component
 * `echo(s)` (echo-string.wat): the ratio is what the second component costs.
 */
import { measure, side, type Comparison, type Row } from '../harness.js';
import { expect, prepare } from '../tools.js';
import { text } from './strings.js';

let sink = 0;
type Echo = (s: string) => string;

export async function fusedGroup(): Promise<Row[]> {
  const probe = text(1000) + ' ☃';
  const relay = (e: any) => e.relay as Echo;
  const c = await prepare('canonjs', 'fused-string', relay, (f) => expect(f(probe), probe));
  const j = await prepare('jco', 'fused-string', relay, (f) => expect(f(probe), probe));
  const direct = await prepare('canonjs', 'echo-string', (e: any) => e.echo as Echo, (f) => expect(f(probe), probe));
  const s = text(1024);
  const ops = 32;
  const loop = (f: Echo) => () => {
    for (let i = 0; i < ops; i++) sink ^= f(s).length;
  };
  const comparisons: Comparison[] = [
    {
      name: 'relay(string) through a second component',
      input: '1 KiB',
      ops,
      canonjs: side(c, loop),
      jco: side(j, loop),
      floor: side(direct, loop),
      note: 'B → A fused in canonjs; floor: canonjs echo in one component',
    },
  ];
  return measure('fused', comparisons);
}
