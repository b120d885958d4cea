// Uses the composed component through its ES module:
//   npx canonjs compile examples/compose/compose.wasm -o examples/compose/out
//   node examples/compose/app.mjs
import { shout, 'example:text/case' as textCase } from './out/compose.js';

console.log(shout('hello, components'));
console.log(textCase.upper('two memories, one call'));
