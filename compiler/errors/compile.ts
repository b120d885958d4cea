/** Errors after validation: linking, code generation, CLI use. */
export const COMPILE_ERRORS = {
  'compile/unsupported': (feature: string) => `not supported yet: ${feature}`,
  'cli/bad-arguments': (detail: string) => `bad arguments: ${detail}`,
  'cli/io': (detail: string) => detail,
} as const;
