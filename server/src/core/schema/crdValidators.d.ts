// Generated at build time from schemas/crds by scripts/precompileValidators.mjs (served by an esbuild plugin).
declare module 'meshlens:crd-validators' {
  const validators: Record<string, import('ajv').ValidateFunction>;
  export = validators;
}
