/** Errors after validation: linking, code generation, CLI use. */
export const COMPILE_ERRORS = {
  'compile/unsupported': (feature: string) => `not supported yet: ${feature}`,
  'compile/bad-option': (option: string, detail: string) => `bad compile option ${option}: ${detail}`,
  'cli/bad-arguments': (detail: string) => `bad arguments: ${detail}`,
  'cli/io': (detail: string) => detail,
} as const;
