// A plain JS app using the C component through the ES module canonjs makes of it:
//   npx canonjs compile examples/shop/shop.wasm -o examples/shop/out
//   node examples/shop/app.mjs
// Records are objects with lowerCamelCase fields, lists are arrays, strings are strings.
import { receipt, splitWords, summarize } from './out/shop.js';

const cart = [
  { name: 'apples', quantity: 6, unitPrice: 0.45 },
  { name: 'bread', quantity: 1, unitPrice: 2.8 },
  { name: 'olive oil', quantity: 2, unitPrice: 7.25 },
];

const summary = summarize(cart);
console.log(`${summary.lines} lines, ${summary.units} units, total ${summary.total.toFixed(2)}: ${summary.names.join(', ')}`);
process.stdout.write(receipt('Ada Lovelace', cart));
console.log(JSON.stringify(splitWords('  the analytical   engine weaves  ')));
