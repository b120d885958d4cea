/**
 * The runtime is real source (runtime/*.ts, built to dist/runtime/*.js). Like
 * esbuild's runtime, the compiler tree-shakes it into each output: it parses
 * the built runtime with acorn, indexes the top-level declarations, and
 * splices in only the ones the generated code uses, plus what they use.
 *
 * Rules for runtime files: top-level names are unique across all runtime
 * files; cross-file references go through plain ES imports (dropped here).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Node } from 'acorn';
import { print } from './print.js';

interface Piece {
  name: string;
  /** source text of the declaration without `export` */
  text: string;
  /**
   * A code table (`const TRAPS = { 'trap/x': '…', … }`): its entries, so
   * only the codes the output can raise are kept.
   */
  table?: { head: string; entries: { key: string; text: string }[] };
  /** other top-level names it references */
  refs: Set<string>;
  /** position for a stable output order */
  order: number;
  /** the `stage/code` string literals the declaration mentions (empty for code tables) */
  codes: string[];
}

let index: Map<string, Piece> | undefined;

/**
 * The JS source of the used runtime declarations and their dependencies, in
 * a stable order. `generated` is the rest of the output, or the codes found
 * in it (`codesIn`, e.g. while printing it): code tables keep only the codes
 * that appear (as string literals) in it or in the pieces.
 */
export function runtimePieces(used: Iterable<string>, generated: string | ReadonlySet<string> = ''): string {
  const { pieces: chosen, codes: pieceCodes } = chosenPieces(used);
  // the codes the output can raise: those in the generated code, and those the chosen pieces name (found once, at build)
  const codes = typeof generated === 'string' ? codesIn(generated) : new Set(generated);
  for (const code of pieceCodes) codes.add(code);
  return chosen
    .map((p) => {
      if (!p.table) return p.text;
      const kept = p.table.entries.filter((e) => codes.has(e.key));
      return `${p.table.head}{\n${kept.map((e) => `  ${e.text}`).join(',\n')}\n};`;
    })
    .join('\n');
}

/** `chosenPieces` by the sorted used names: the outputs of one process use few distinct sets. */
const chosenMemo = new Map<string, { pieces: Piece[]; codes: Set<string> }>();

/** The used runtime declarations and their dependencies, in a stable order, and the codes they mention. */
function chosenPieces(used: Iterable<string>): { pieces: Piece[]; codes: Set<string> } {
  const pieces = runtimeIndex();
  const names = [...new Set(used)].sort();
  const key = names.join(',');
  const hit = chosenMemo.get(key);
  if (hit) return hit;
  const wanted = new Set<string>();
  const visit = (name: string) => {
    if (wanted.has(name)) return;
    const piece = pieces.get(name);
    if (!piece) throw new Error(`canonjs internal error: no runtime declaration named ${name}`);
    wanted.add(name);
    for (const ref of piece.refs) visit(ref);
  };
  for (const name of names) visit(name);
  const texts = new Map<string, Piece>();
  for (const name of wanted) {
    const piece = pieces.get(name)!;
    texts.set(piece.text, piece); // one declaration may define several names
  }
  const chosen = dependencyOrder([...texts.values()], pieces);
  const codes = new Set<string>();
  for (const p of chosen) for (const code of p.codes) codes.add(code);
  const out = { pieces: chosen, codes };
  if (chosenMemo.size >= 256) chosenMemo.clear();
  chosenMemo.set(key, out);
  return out;
}

/**
 * Source order, except that a declaration comes after the ones it uses
 * (a class must follow the class it extends; a const its initialiser's
 * names). Cycles can only be between functions, which are hoisted.
 */
function dependencyOrder(chosen: Piece[], pieces: Map<string, Piece>): Piece[] {
  const inSet = new Set(chosen);
  const done = new Set<Piece>();
  const out: Piece[] = [];
  const visit = (p: Piece) => {
    if (done.has(p)) return;
    done.add(p);
    const deps = [...p.refs].map((r) => pieces.get(r)!).filter((d) => inSet.has(d));
    for (const d of deps.sort((a, b) => a.order - b.order)) visit(d);
    out.push(p);
  };
  for (const p of [...chosen].sort((a, b) => a.order - b.order)) visit(p);
  return out;
}

/** The names of every runtime declaration (for tests). */
export function runtimeNames(): string[] {
  return [...runtimeIndex().keys()];
}

let nameSet: ReadonlySet<string> | undefined;

/** The names of every runtime declaration, as a set (built once per process). */
export function runtimeNameSet(): ReadonlySet<string> {
  return (nameSet ??= new Set(runtimeIndex().keys()));
}

/** Where the build writes the index, so a compile does not parse the runtime again. */
const indexFile = () => join(packageRoot(), 'dist', 'runtime-index.json');

/** Writes the runtime index (run once by the build: scripts/postbuild.mjs). */
export function writeRuntimeIndex(): void {
  index = undefined;
  nameSet = undefined;
  chosenMemo.clear();
  const pieces = parseRuntime();
  const unique = [...new Set(pieces.values())];
  const json = unique.map((p) => ({ ...p, names: [...pieces].filter(([, q]) => q === p).map(([n]) => n), refs: [...p.refs] }));
  writeFileSync(indexFile(), JSON.stringify(json));
}

function runtimeIndex(): Map<string, Piece> {
  if (index) return index;
  const file = indexFile();
  if (existsSync(file)) {
    index = new Map();
    for (const p of JSON.parse(readFileSync(file, 'utf8')) as (Piece & { names: string[]; refs: string[] })[]) {
      const piece: Piece = { name: p.name, text: p.text, refs: new Set(p.refs), order: p.order, codes: p.codes, table: p.table };
      for (const n of p.names) index.set(n, piece);
    }
    return index;
  }
  index = parseRuntime();
  return index;
}

/** acorn, loaded only when the runtime must be parsed (the build; a compile reads the index). */
const acorn = (): typeof import('acorn') => createRequire(import.meta.url)('acorn');

function parseRuntime(): Map<string, Piece> {
  const dir = join(packageRoot(), 'dist', 'runtime');
  if (!existsSync(dir)) throw new Error(`canonjs internal error: the built runtime is missing at ${dir} (run npm run build)`);
  const files = listJs(dir);
  const pieces = new Map<string, Piece>();
  const bodies: { piece: Piece; node: Node }[] = [];
  let order = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const program = acorn().parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
    for (const statement of program.body) {
      let decl: Node | null | undefined = statement;
      if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration') continue;
      if (statement.type === 'ExportNamedDeclaration') decl = statement.declaration;
      if (!decl) continue; // `export { a, b }` lists
      const names = declaredNames(decl);
      if (names.length === 0) continue;
      // reprinted in the output's own style (two-space indent, no comments)
      const text = print(decl as never);
      const table = codeTable(decl, source);
      const piece: Piece = { name: names[0]!, text, refs: new Set(), order: order++, codes: table ? [] : [...codesIn(text)], table };
      for (const name of names) {
        if (pieces.has(name)) throw new Error(`canonjs internal error: runtime name ${name} is declared twice`);
        pieces.set(name, piece);
      }
      bodies.push({ piece, node: decl });
    }
  }
  for (const { piece, node } of bodies) {
    for (const name of referencedNames(node)) {
      const target = pieces.get(name);
      if (target && target !== piece) piece.refs.add(target.name);
    }
  }
  return pieces;
}

/**
 * The `'stage/code'` string literals in `text`: the matches of
 * `/(['"])([a-z]+\/[a-z0-9-]+)\1/g`, found from each `/` (a scan several
 * times quicker than the regular expression on generated code), added to
 * `codes`.
 */
export function codesIn(text: string, codes = new Set<string>()): Set<string> {
  const isLower = (c: number) => c >= 97 && c <= 122; // [a-z]
  const isCodeChar = (c: number) => isLower(c) || (c >= 48 && c <= 57) || c === 45; // [a-z0-9-]
  let matchedTo = 0; // matches do not overlap: one starts at or after the end of the last
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    let start = slash;
    while (start > 0 && isLower(text.charCodeAt(start - 1))) start--;
    if (start === slash || start - 1 < matchedTo) continue;
    const quote = text.charCodeAt(start - 1);
    if (quote !== 39 && quote !== 34) continue;
    let end = slash + 1;
    while (isCodeChar(text.charCodeAt(end))) end++;
    if (end === slash + 1 || text.charCodeAt(end) !== quote) continue;
    codes.add(text.slice(start, end));
    matchedTo = end + 1;
  }
  return codes;
}

/** `const NAME = { 'stage/code': …, … }`: every key a string with a `/`. */
function codeTable(decl: Node, source: string): Piece['table'] {
  const d = decl as any;
  if (decl.type !== 'VariableDeclaration' || d.declarations.length !== 1) return undefined;
  const init = d.declarations[0].init;
  if (init?.type !== 'ObjectExpression' || init.properties.length === 0) return undefined;
  const entries: { key: string; text: string }[] = [];
  for (const prop of init.properties) {
    if (prop.type !== 'Property' || prop.key.type !== 'Literal' || typeof prop.key.value !== 'string') return undefined;
    if (!prop.key.value.includes('/')) return undefined;
    entries.push({ key: prop.key.value, text: source.slice(prop.start, prop.end) });
  }
  return { head: source.slice(decl.start, init.start), entries };
}

function declaredNames(decl: Node): string[] {
  const d = decl as any;
  if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') return [d.id.name];
  if (decl.type === 'VariableDeclaration') {
    return d.declarations.filter((v: any) => v.id.type === 'Identifier').map((v: any) => v.id.name);
  }
  return [];
}

/** Every identifier read in `node` (an over-approximation is fine: it only adds pieces). */
function referencedNames(node: Node): Set<string> {
  const out = new Set<string>();
  const walk = (n: any, parent: any, key: string) => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'Identifier') {
      const isPropertyName =
        (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
        ((parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') &&
          key === 'key' &&
          !parent.computed);
      if (!isPropertyName) out.add(n.name);
      return;
    }
    for (const k of Object.keys(n)) {
      if (k === 'type' || k === 'start' || k === 'end') continue;
      const v = n[k];
      if (Array.isArray(v)) for (const item of v) walk(item, n, k);
      else if (v && typeof v === 'object') walk(v, n, k);
    }
  };
  walk(node, null, '');
  return out;
}

function listJs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJs(path));
    else if (entry.name.endsWith('.js') && entry.name !== 'index.js') out.push(path);
  }
  return out;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'canonjs') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('canonjs internal error: cannot find the canonjs package root');
    dir = up;
  }
}
