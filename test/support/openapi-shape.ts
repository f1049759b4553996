// Checks a JSON value against a response schema of the Hub's OpenAPI excerpt, field by field:
// types, required fields, no fields the schema does not declare, date-time formats. Returns one
// line per problem, so a failing test names the exact path.

export interface JsonSchema {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * @param allowedMissing required fields (as paths like "$[].submittedBy") we knowingly omit, with
 *   the reason in the test; every other required field must be present.
 */
export function shapeProblems(value: unknown, schema: JsonSchema, path = '$', allowedMissing: readonly string[] = []): string[] {
  const problems: string[] = [];
  const actual = typeOf(value);
  if (schema.type) {
    const ok = schema.type === 'integer' ? Number.isInteger(value) : schema.type === actual;
    if (!ok) return [`${path}: expected ${schema.type}, got ${actual} (${JSON.stringify(value)?.slice(0, 60)})`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.format === 'date-time' && (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) {
    problems.push(`${path}: "${String(value)}" is not an RFC 3339 date-time`);
  }
  if (schema.type === 'array' && schema.items) {
    (value as unknown[]).forEach((item) => problems.push(...shapeProblems(item, schema.items!, `${path}[]`, allowedMissing)));
  }
  if (schema.type === 'object' && schema.properties) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record) && !allowedMissing.includes(`${path}.${name}`)) problems.push(`${path}.${name}: required but missing`);
    }
    for (const [name, field] of Object.entries(record)) {
      const declared = schema.properties[name];
      if (!declared) {
        if (schema.additionalProperties === false) problems.push(`${path}.${name}: not in the schema`);
        continue;
      }
      problems.push(...shapeProblems(field, declared, `${path}.${name}`, allowedMissing));
    }
  }
  return [...new Set(problems)];
}
