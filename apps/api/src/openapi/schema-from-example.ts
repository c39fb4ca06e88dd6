type Schema = Record<string | symbol, unknown>;

/** The type of fields that are null in every sample (an unknown time axis, a count never reported). */
const NULL_ONLY_TYPES: Record<string, string> = {
  since: 'object', prohibitedSince: 'object', batch: 'object', effective: 'object', notice: 'object', retraction: 'object',
  banned: 'object', closed: 'object', revoked: 'object', exited: 'object', operating: 'object', baseline: 'object',
  count: 'integer', next: 'integer', partnerCount: 'integer', supersededBy: 'object', institution: 'object', citedOutlet: 'string',
  value: 'number', qualifier: 'string', quoteAt: 'object', documentSha256: 'string', language: 'string',
};

/**
 * What the fields of the truth model mean (DESIGN.md, "How a fact holds in time"), added to the
 * schemas wherever the field appears; deprecated aliases are kept for one release.
 */
const FIELD_NOTES: Record<string, { description: string; deprecated?: true; nullable?: true }> = {
  inForce: { description: 'certain once the fact\'s effective window has passed by asOf; possible inside the window (truth rule 4)' },
  known: { description: 'certain when one of its sources had certainly been published by knownAt; possible when one may have been (truth rule 4)' },
  certainty: { description: 'deprecated: the weaker of inForce and known (on a prohibition: how sure it holds); read the two fields', deprecated: true },
  nature: { description: 'figure: a snapshot as of its date (a statistic, a running total), superseded by the next figure of its series; action: holds from its date (truth rule 2)' },
  disputedWith: { description: 'ids of the figures of the same series and date whose sources report another number (truth rule 3)' },
  disputed: { description: 'sources of the same date report another number: each figure is listed with its sources (truth rule 3)' },
  sources: { description: 'every source reporting the fact: its own first, then the corroborating ones (truth rule 3)' },
  kind: { description: 'what the source is: primary (the regulator\'s or outlet\'s own words), secondary (notes about other sources), summary, translation (truth rule 6)' },
  citedOutlet: { description: 'the outlet a secondary source, summary or translation cites; never the author of the quote (truth rule 6)', nullable: true },
  publisher: { description: 'who wrote or published the words quoted' },
  value: { description: 'null when the count is unknown: only facts without a number ("a number of") hold (truth rule 5)', nullable: true },
  partial: { description: 'some facts added up give no number: the value is a lower bound (truth rule 5)' },
  qualifier: { description: 'how the source qualifies the number ("nearly" 5,000); null when exact', nullable: true },
  businessLines: { description: 'each business line prohibited or acted on in the place, with its prohibition and its facts by kind (truth rule 7)' },
  prohibitedByBusinessLine: { description: 'for each business line, the places with a prohibition of their own (truth rule 7)' },
  prohibitedJurisdictions: { description: 'deprecated alias of prohibitedByBusinessLine["online-lending"]', deprecated: true },
  onlineLendingProhibited: { description: 'deprecated alias of the "online-lending" entry of businessLines', deprecated: true },
  prohibitedSince: { description: 'deprecated alias of the "online-lending" entry of businessLines (since)', deprecated: true },
  quoteAt: { description: 'where the quote stands in the registered text of its document: {start, end}, UTF-16 offsets, end exclusive; null when the document is not registered or the quote is not in it (docs/provenance.md)', nullable: true },
  documentSha256: { description: 'SHA-256 (hex) of the registered text quoteAt indexes into; null when the document is not registered', nullable: true },
  supersededBy: { description: 'a figure: the later figure of its series that supersedes it (it ends there); null while it is the latest', nullable: true },
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
        properties: Object.fromEntries(entries.map(([key, value]) => [key, { ...schemaFromExample(value, key), ...FIELD_NOTES[key] }])),
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
      ...notesOf(a),
      type: 'object',
      properties: Object.fromEntries(keys.map((key) => [key, pa[key] && pb[key] ? mergeSchemas(pa[key], pb[key]) : (pa[key] ?? pb[key])])),
      required,
    };
  }
  if (a.type === 'array' && b.type === 'array') return { ...notesOf(a), type: 'array', items: mergeSchemas(a.items as Schema, b.items as Schema) };
  if (a.type === 'integer' && b.type === 'number') return b;
  return a;
}

/** A schema's words for people (description, deprecated, nullable), kept when two samples merge. */
function notesOf(schema: Schema): Schema {
  const { description, deprecated, nullable } = schema;
  return { ...(description === undefined ? {} : { description }), ...(deprecated === undefined ? {} : { deprecated }),
    ...(nullable === undefined ? {} : { nullable }) };
}
