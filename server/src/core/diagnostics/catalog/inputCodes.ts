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
    message: {
      unparsable: 'YAML could not be parsed: {error}',
      syntax: '{error}',
      tabs: 'Tabs are not allowed for indentation in YAML; use spaces.',
    },
  },
  {
    code: 'ML0002',
    name: 'yaml-duplicate-key',
    severity: 'error',
    title: 'Duplicate key',
    explanation:
      'A mapping names the same key twice. kubectl rejects such documents ("mapping key already defined"); with other clients the last value silently wins. Remove one of them.',
    message: {
      again: 'Map keys must be unique: "{key}" is defined again here.',
      syntax: '{error}',
    },
  },
  {
    code: 'ML0003',
    name: 'input-limit',
    severity: 'warning',
    title: 'Input over a limit',
    explanation:
      "The document is larger or deeper than Meshlens analyses: a single `---` document over 5 MB is not checked at all (hover and completion still work in it, from its indentation); nesting over 500 levels or an alias expansion over the YAML library's limit is syntax-checked only. The editor stays responsive either way.",
    message: {
      tooLarge: 'Document is {size} MB; Meshlens checks documents up to {limit} MB (hover and completion still work).',
      tooDeep: 'Nesting deeper than {depth} levels; schema and Istio checks are skipped for this document.',
      tooDeepToParse: 'Nesting deeper than {depth} levels; this document is not checked.',
      openerRun:
        '{count} or more `[` or `{` in a row (nesting deeper than {depth} levels in a flow collection); this document is not parsed or checked.',
      notExpanded: 'Document could not be expanded: {error}',
    },
  },
  {
    code: 'ML0004',
    name: 'invalid-utf8',
    severity: 'error',
    title: 'Invalid UTF-8',
    explanation:
      'The file contains bytes that are not valid UTF-8. Kubernetes requires UTF-8 manifests. The first bad byte is marked; the rest of the file is still checked with the bad bytes replaced.',
    message: 'Invalid UTF-8: the file contains bytes that are not UTF-8 text (shown as �).',
  },
  {
    code: 'ML0005',
    name: 'template-syntax',
    severity: 'info',
    title: 'Template not checked',
    explanation:
      "The file contains template syntax such as Helm's `{{ }}`. It is not a Kubernetes manifest until rendered, so Meshlens does not check it. Render it (`helm template`) and check the output.",
    message:
      'Template syntax ({{ }}) found: this document is not checked until it is rendered (for example with `helm template`).',
  },
  {
    code: 'ML0006',
    name: 'not-a-resource',
    severity: 'error',
    title: 'Not a resource object',
    explanation:
      'A document that names one of the Istio kinds Meshlens knows must be a mapping with `apiVersion`, `kind` and `spec`.',
    message: {
      notMapping:
        'This document names an Istio kind ({kind}) but is {actual}, not a mapping with apiVersion, kind and spec: the apiserver rejects it.',
      noApiVersion: '{kind} needs an apiVersion: one of {served}.',
    },
  },

  {
    code: 'ML0007',
    name: 'project-config',
    severity: 'error',
    title: 'Bad .meshlens.yaml',
    explanation:
      'The project configuration file has a key, value or code Meshlens does not know (the message says which, with a suggestion). The parts that are valid still apply; the rest is ignored until it is fixed. Its JSON Schema ships as `schemas/meshlens-config.schema.json`.',
    message: {
      notMapping: '{file} must be a mapping with istioVersion, meshConfig, rules and ignore.',
      schema: '{problem}',
      unknownCode: 'Unknown diagnostic code {code}.{hint} `meshlens codes` lists them.',
      level: '{code}: "{level}" is not a level; use one of {levels}.',
    },
  },
  // --- Resource identity (ML01xx)
  {
    code: 'ML0101',
    name: 'unserved-api-version',
    severity: 'error',
    title: 'API version not served',
    explanation:
      'The kind is known but the Istio CRD does not serve this `apiVersion`, so the apiserver rejects the document ("no matches for kind"). The message names the versions that are served.',
    message: '{kind} is not served at {apiVersion}. Served: {served}.',
  },
  {
    code: 'ML0102',
    name: 'version-unavailable-kind',
    severity: 'error',
    title: 'Kind or API version not in the target Istio version',
    explanation:
      'The kind or API version exists in newer Istio releases only (for example TrafficExtension before 1.30, or telemetry.istio.io/v1 before 1.22). Set `meshlens.istioVersion` to the version your cluster runs.',
    message: {
      kind: '{kind} does not exist in Istio {version}; it was added in Istio {added}.',
      apiVersion: '{apiVersion} is not served by Istio {version}; it was added in Istio {added}.',
    },
  },
  {
    code: 'ML0103',
    name: 'version-unavailable-field',
    severity: 'error',
    title: 'Field not in the target Istio version',
    explanation:
      'The field is in the newest CRD but not in the CRD of the Istio version selected by `meshlens.istioVersion`, so that cluster rejects or drops it. The message says in which version it was added.',
    message: '`{field}` is not available in Istio {version}; it was added in Istio {added}.',
  },
  {
    code: 'ML0104',
    name: 'version-unavailable-value',
    severity: 'error',
    title: 'Enum value not in the target Istio version',
    explanation:
      'The value is valid in newer Istio releases only (for example `context: WAYPOINT` before 1.29, `failStrategy: FAIL_RELOAD` before 1.28, `operation: MERGE_AND_REPLACE_LIST` before 1.31).',
    message: '`{value}` is not available in Istio {version}; it was added in Istio {added}.',
  },

  // --- Schema (ML02xx)
  {
    code: 'ML0201',
    name: 'unknown-field',
    severity: 'error',
    title: 'Unknown field',
    explanation:
      'The CRD does not define this field. The apiserver rejects it under strict field validation (the kubectl default) and drops it otherwise, so it never takes effect. Often a typo or a field from another version of the API.',
    message: 'Unknown field `{name}`{where}.{hint}',
  },
  {
    code: 'ML0202',
    name: 'wrong-type',
    severity: 'error',
    title: 'Wrong type',
    explanation:
      'The value has the wrong type for this field, for example a string where the CRD wants an integer or a list where it wants an object. Quote numbers that must be strings and unquote ones that must be numbers.',
    message: 'Expected {expected}{where}, got {actual}.',
  },
  {
    code: 'ML0203',
    name: 'invalid-enum',
    severity: 'error',
    title: 'Value not allowed',
    explanation: 'The field only accepts the listed values. Enum values are case-sensitive.',
    message: {
      notAllowed: '`{value}` is not allowed{where}. Allowed: {allowed}.{hint}',
      const: 'Expected `{value}`{where}.',
    },
  },
  {
    code: 'ML0204',
    name: 'missing-required',
    severity: 'error',
    title: 'Missing required field',
    explanation: 'The CRD requires this field. The apiserver rejects the document without it.',
    message: 'Missing required field `{field}`{where}.',
  },
  {
    code: 'ML0205',
    name: 'out-of-range',
    severity: 'error',
    title: 'Value out of range',
    explanation:
      'The value is outside the bounds the CRD sets: a number under its minimum or over its maximum, a string or list too short or too long.',
    message: {
      range: '{value} is out of range{where}: must be {comparison} {limit}.',
      tooShort: 'Too short{where}: at least {limit} character{plural}.',
      tooLong: 'Too long{where}: at most {limit} characters.',
      count: '{fewOrMany} entries{where}: {bound} {limit}.',
    },
  },
  {
    code: 'ML0206',
    name: 'pattern-mismatch',
    severity: 'error',
    title: 'Value does not match the pattern',
    explanation:
      'The string does not match the pattern the CRD requires (for example a lowercase 64-character hex sha256, or a DNS-1123 name).',
    message: '`{value}` does not match the pattern {pattern}{where}.',
  },
  {
    code: 'ML0207',
    name: 'exclusive-fields',
    severity: 'error',
    title: 'Fields that exclude each other',
    explanation:
      'At most one of the named fields may be set, for example one of `listener`, `routeConfiguration`, `cluster` or `waypoint` in an EnvoyFilter match.',
    message: 'Set at most one of {names}{where}; found {found}.',
  },
  {
    code: 'ML0208',
    name: 'invalid-value',
    severity: 'error',
    title: 'Invalid value',
    explanation: 'The value breaks a schema rule not covered by a more specific code.',
    message: {
      notExactlyOne: 'Value does not match exactly one of the allowed shapes{where}.',
      noneOf: 'Value matches none of the allowed shapes{where}.',
      other: '{detail}{where}.',
      undeclaredCode: 'Internal error in a Meshlens check: it reported {code}, which it does not declare.',
      undeclaredWorkspaceCode:
        'Internal error in a Meshlens workspace check: it reported {code}, which it does not declare.',
      checkFailed: 'Internal error in a Meshlens check: {error}',
    },
  },
];
