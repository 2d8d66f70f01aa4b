// Stands in for prettier, which yaml-language-server imports for formatting. Meshlens does not format, and bundling
// prettier would add megabytes to the server.
export function format(): never {
  throw new Error('Meshlens does not format YAML');
}
export default {};
