/** Malformed binaries: the bytes do not follow the binary format (Binary.md, and the core binary format for core modules). */
export const DECODE_ERRORS = {
  'decode/unexpected-end': (what: string) => `unexpected end of input while reading ${what}`,
  'decode/bad-magic': () => `not a WebAssembly binary: bad magic number`,
  'decode/bad-version': (version: number, layer: number) =>
    `unsupported component binary version 0x${version.toString(16)} layer ${layer} (expected version 0x0d layer 1)`,
  'decode/expected-component': () =>
    `expected a version header for a component (version 0x0d layer 1), found a core module's (version 1 layer 0)`,
  'decode/expected-module': (version: number, layer: number) =>
    `expected a version header for a module (version 1 layer 0), found version 0x${version.toString(16)} layer ${layer}`,
  'decode/invalid-leading-byte': (byte: number, what: string) =>
    `invalid leading byte (0x${byte.toString(16)}) for ${what}`,
  'decode/invalid-boolean': (byte: number, what: string) =>
    `invalid boolean value (0x${byte.toString(16)}) for ${what}: only 0x00 and 0x01 are allowed`,
  'decode/integer-too-large': (what: string) => `integer too large while reading ${what}`,
  'decode/integer-representation-too-long': (what: string) => `integer representation too long while reading ${what}`,
  'decode/invalid-utf8': () => `malformed UTF-8 encoding in a name`,
  'decode/count-too-large': (what: string, count: number, left: number) =>
    `unexpected end of input: ${what} count ${count} cannot fit in the ${left} bytes left (each item takes at least one byte)`,
  'decode/section-size-mismatch': (id: number) => `section ${id} size mismatch: its contents end before or after the declared size`,
  'decode/unknown-section': (id: number) => `malformed section id ${id}: unknown section`,
  'decode/section-out-of-order': (name: string) =>
    `core module section \`${name}\` out of order: non-custom sections must appear at most once, in the order the core binary format fixes`,
  'decode/inconsistent-function-count': (funcs: number, bodies: number) =>
    `function and code section have inconsistent lengths (${funcs} functions declared, ${bodies} bodies)`,
  'decode/inconsistent-data-count': (declared: number, segments: number) =>
    `data count and data section have inconsistent lengths (${declared} declared, ${segments} segments)`,
  'decode/invalid-page-size': (log2: number) => `invalid custom page size: log2 ${log2} must be below 64`,
  'decode/const-expr-instruction': (opcode: string) =>
    `instruction ${opcode} is not allowed in a constant expression (a core global or table initializer)`,
  'decode/nesting-too-deep': (limit: number) =>
    `components and component/instance/module types nested more than ${limit} deep`,
  'decode/trailing-bytes': (what: string) => `unexpected trailing bytes after ${what}`,
} as const;
