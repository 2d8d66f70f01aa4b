// Diagnostic codes: Input, identity and schema: ML00xx, ML01xx, ML02xx.
import type { CodeInfo } from '../codes';

export const INPUT_CODES: CodeInfo[] = [
  // --- YAML and input (ML00xx)
  {
    code: 'ML0001',
    name: 'yaml-syntax',
    severity: 'error',
    title: 'YAML syntax error',
    explanation:
      'The text is not valid YAML at this place (for example a bad indentation, an unclosed quote or a tab used for indentation). Kubernetes cannot read the document, so no other check runs on it.',
  },
  {
    code: 'ML0002',
    name: 'yaml-duplicate-key',
    severity: 'error',
    title: 'Duplicate key',
    explanation:
      'A mapping names the same key twice. kubectl rejects such documents ("mapping key already defined"); with other clients the last value silently wins. Remove one of them.',
  },
  {
    code: 'ML0003',
    name: 'input-limit',
    severity: 'warning',
    title: 'Input over a limit',
    explanation:
      "The document is larger or deeper than Meshlens analyses: a single `---` document over 5 MB is not checked at all (hover and completion still work in it, from its indentation); nesting over 500 levels or an alias expansion over the YAML library's limit is syntax-checked only. The editor stays responsive either way.",
  },
  {
    code: 'ML0004',
    name: 'invalid-utf8',
    severity: 'error',
    title: 'Invalid UTF-8',
    explanation:
      'The file contains bytes that are not valid UTF-8. Kubernetes requires UTF-8 manifests. The first bad byte is marked; the rest of the file is still checked with the bad bytes replaced.',
  },
  {
    code: 'ML0005',
    name: 'template-syntax',
    severity: 'info',
    title: 'Template not checked',
    explanation:
      "The file contains template syntax such as Helm's `{{ }}`. It is not a Kubernetes manifest until rendered, so Meshlens does not check it. Render it (`helm template`) and check the output.",
  },
  {
    code: 'ML0006',
    name: 'not-a-resource',
    severity: 'error',
    title: 'Not a resource object',
    explanation:
      'A document that names one of the Istio kinds Meshlens knows must be a mapping with `apiVersion`, `kind` and `spec`.',
  },

  {
    code: 'ML0007',
    name: 'project-config',
    severity: 'error',
    title: 'Bad .meshlens.yaml',
    explanation:
      'The project configuration file has a key, value or code Meshlens does not know (the message says which, with a suggestion). The parts that are valid still apply; the rest is ignored until it is fixed. Its JSON Schema ships as `schemas/meshlens-config.schema.json`.',
  },
  // --- Resource identity (ML01xx)
  {
    code: 'ML0101',
    name: 'unserved-api-version',
    severity: 'error',
    title: 'API version not served',
    explanation:
      'The kind is known but the Istio CRD does not serve this `apiVersion`, so the apiserver rejects the document ("no matches for kind"). The message names the versions that are served.',
  },
  {
    code: 'ML0102',
    name: 'version-unavailable-kind',
    severity: 'error',
    title: 'Kind or API version not in the target Istio version',
    explanation:
      'The kind or API version exists in newer Istio releases only (for example TrafficExtension before 1.30, or telemetry.istio.io/v1 before 1.22). Set `meshlens.istioVersion` to the version your cluster runs.',
  },
  {
    code: 'ML0103',
    name: 'version-unavailable-field',
    severity: 'error',
    title: 'Field not in the target Istio version',
    explanation:
      'The field is in the newest CRD but not in the CRD of the Istio version selected by `meshlens.istioVersion`, so that cluster rejects or drops it. The message says in which version it was added.',
  },
  {
    code: 'ML0104',
    name: 'version-unavailable-value',
    severity: 'error',
    title: 'Enum value not in the target Istio version',
    explanation:
      'The value is valid in newer Istio releases only (for example `context: WAYPOINT` before 1.29, `failStrategy: FAIL_RELOAD` before 1.28, `operation: MERGE_AND_REPLACE_LIST` before 1.31).',
  },

  // --- Schema (ML02xx)
  {
    code: 'ML0201',
    name: 'unknown-field',
    severity: 'error',
    title: 'Unknown field',
    explanation:
      'The CRD does not define this field. The apiserver rejects it under strict field validation (the kubectl default) and drops it otherwise, so it never takes effect. Often a typo or a field from another version of the API.',
  },
  {
    code: 'ML0202',
    name: 'wrong-type',
    severity: 'error',
    title: 'Wrong type',
    explanation:
      'The value has the wrong type for this field, for example a string where the CRD wants an integer or a list where it wants an object. Quote numbers that must be strings and unquote ones that must be numbers.',
  },
  {
    code: 'ML0203',
    name: 'invalid-enum',
    severity: 'error',
    title: 'Value not allowed',
    explanation: 'The field only accepts the listed values. Enum values are case-sensitive.',
  },
  {
    code: 'ML0204',
    name: 'missing-required',
    severity: 'error',
    title: 'Missing required field',
    explanation: 'The CRD requires this field. The apiserver rejects the document without it.',
  },
  {
    code: 'ML0205',
    name: 'out-of-range',
    severity: 'error',
    title: 'Value out of range',
    explanation:
      'The value is outside the bounds the CRD sets: a number under its minimum or over its maximum, a string or list too short or too long.',
  },
  {
    code: 'ML0206',
    name: 'pattern-mismatch',
    severity: 'error',
    title: 'Value does not match the pattern',
    explanation:
      'The string does not match the pattern the CRD requires (for example a lowercase 64-character hex sha256, or a DNS-1123 name).',
  },
  {
    code: 'ML0207',
    name: 'exclusive-fields',
    severity: 'error',
    title: 'Fields that exclude each other',
    explanation:
      'At most one of the named fields may be set, for example one of `listener`, `routeConfiguration`, `cluster` or `waypoint` in an EnvoyFilter match.',
  },
  {
    code: 'ML0208',
    name: 'invalid-value',
    severity: 'error',
    title: 'Invalid value',
    explanation: 'The value breaks a schema rule not covered by a more specific code.',
  },
];
