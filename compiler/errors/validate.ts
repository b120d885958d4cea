/** Invalid components: well-formed bytes that break a validation rule. */
export const VALIDATE_ERRORS = {
  'validate/index-out-of-bounds': (space: string, index: number, length: number) =>
    `${space} index ${index} out of bounds (the ${space} index space has ${length} entries)`,
} as const;
