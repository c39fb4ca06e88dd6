type Schema = Record<string | symbol, unknown>;

/** The type of fields that are null in every sample (an unknown time axis, a count never reported). */
const NULL_ONLY_TYPES: Record<string, string> = {
  since: 'object', prohibitedSince: 'object', batch: 'object', effective: 'object', notice: 'object', retraction: 'object',
  banned: 'object', closed: 'object', revoked: 'object', exited: 'object', operating: 'object', baseline: 'object',
  count: 'integer', next: 'integer', partnerCount: 'integer',
};

/**
 * A JSON Schema (OpenAPI 3.0 dialect) describing an example response: types, required
 * properties, array items, nullable fields. The examples come from real answers on the seed data.
 */
/** Marks a schema guessed from a null sample, so a real sample of the same field replaces it. */
const SAMPLED_NULL = Symbol('sampled-null');

export function schemaFromExample(example: unknown, field = ''): Schema {
  if (example === null) return { type: NULL_ONLY_TYPES[field] ?? 'string', nullable: true, [SAMPLED_NULL]: true };
  if (Array.isArray(example)) {
    const items = example.map((item) => schemaFromExample(item, field));
    return { type: 'array', items: items.reduce(mergeSchemas, items[0] ?? {}) };
  }
  switch (typeof example) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(example) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(example as Record<string, unknown>);
      if (entries.length === 0) return { type: 'object' };
      return {
        type: 'object',
        properties: Object.fromEntries(entries.map(([key, value]) => [key, schemaFromExample(value, key)])),
        required: entries.map(([key]) => key),
      };
    }
    default:
      return {};
  }
}

/** Two samples of the same field: a null one makes it nullable, objects merge their properties. */
function mergeSchemas(a: Schema, b: Schema): Schema {
  if (a[SAMPLED_NULL]) return { ...b, nullable: true };
  if (b[SAMPLED_NULL]) return { ...a, nullable: true };
  if (a.type === 'object' && b.type === 'object') {
    const pa = (a.properties ?? {}) as Record<string, Schema>;
    const pb = (b.properties ?? {}) as Record<string, Schema>;
    const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])];
    const required = ((a.required as string[] | undefined) ?? []).filter((key) => ((b.required as string[] | undefined) ?? []).includes(key));
    return {
      type: 'object',
      properties: Object.fromEntries(keys.map((key) => [key, pa[key] && pb[key] ? mergeSchemas(pa[key], pb[key]) : (pa[key] ?? pb[key])])),
      required,
    };
  }
  if (a.type === 'array' && b.type === 'array') return { type: 'array', items: mergeSchemas(a.items as Schema, b.items as Schema) };
  if (a.type === 'integer' && b.type === 'number') return b;
  return a;
}
