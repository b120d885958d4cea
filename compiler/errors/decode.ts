/** Malformed binaries: the bytes do not follow the binary format (Binary.md). */
export const DECODE_ERRORS = {
  'decode/unexpected-end': (what: string) => `unexpected end of input while reading ${what}`,
  'decode/bad-magic': () => `not a WebAssembly binary: bad magic number`,
  'decode/bad-version': (version: number, layer: number) =>
    `unsupported component binary version 0x${version.toString(16)} layer ${layer} (expected version 0x0d layer 1)`,
  'decode/invalid-leading-byte': (byte: number, what: string) =>
    `invalid leading byte (0x${byte.toString(16)}) for ${what}`,
  'decode/integer-too-large': (what: string) => `integer too large while reading ${what}`,
  'decode/integer-representation-too-long': (what: string) => `integer representation too long while reading ${what}`,
  'decode/invalid-utf8': () => `malformed UTF-8 encoding in a name`,
  'decode/section-size-mismatch': (id: number) => `section ${id} size mismatch: its contents end before or after the declared size`,
  'decode/unknown-section': (id: number) => `unknown section id ${id}`,
  'decode/trailing-bytes': (what: string) => `unexpected trailing bytes after ${what}`,
} as const;
