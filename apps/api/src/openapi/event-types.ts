import { WEBHOOK_EVENT_TYPES } from '../../../../libs/webhooks/src/index.js';
import { CONTRACT_SCHEMAS } from './generated/contract-schemas.js';
import type { JsonSchema } from './json-schema.js';

/** What each event type records, for people (the schemas of its data come from the types). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'NoticePublished.v1': 'A notice was recorded: its authority, jurisdiction, title, publication date and source; its facts follow as events of their own.',
  'BusinessLineProhibited.v1': 'A business line (e.g. online lending) is prohibited in a jurisdiction from a date.',
  'InstitutionsBanned.v1': 'A number of institutions (a batch, or named ones) are banned in a jurisdiction from a date.',
  'InstitutionsClosed.v1': 'A number of institutions closed in a jurisdiction.',
  'InstitutionsRevoked.v1': 'A number of institutions had their registration or licence revoked.',
  'InstitutionExitAnnounced.v1': 'An institution announced it leaves the business, by a date.',
  'StatisticReported.v1': 'A figure (a count of institutions, a balance) as of its date; superseded by the next figure of its series.',
  'NameRestrictionImposed.v1': 'Words institutions may no longer use in their names or business scope.',
  'PartnershipHalted.v1': 'Partnerships (e.g. banks with lending platforms) halted from a date.',
  'FactCorrected.v1': 'A fact was corrected: `corrected` is the fact as it should read; the original stays in the log.',
  'FactCorroborated.v1': 'Another source reports a fact already recorded: answers show the fact once, with every source.',
  'FactRetracted.v1': 'A fact was retracted: it stops holding from then on; history keeps it.',
  'DocumentRegistered.v1': 'A source document was registered: its text and SHA-256; quotes of it are checked on every write.',
};

export interface EventTypeEntry {
  readonly name: string;
  readonly type: string;
  readonly version: number;
  readonly description: string;
  readonly delivered: boolean;
  readonly schema: JsonSchema;
}

/** Every `{type: {const}, data}` member of the DomainEvent union (nested unions flattened), in the union's order. */
function eventMembers(schema: JsonSchema): Array<{ name: string; data: JsonSchema }> {
  const ref = schema.$ref;
  if (typeof ref === 'string') return eventMembers(CONTRACT_SCHEMAS[ref.replace('#/components/schemas/', '')] ?? {});
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).flatMap(eventMembers);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const name = properties?.type?.const;
  return typeof name === 'string' && properties?.data ? [{ name, data: properties.data }] : [];
}

/** The event types with their data's schema, from the same generated schemas as the OpenAPI document. */
export const EVENT_TYPES: readonly EventTypeEntry[] = eventMembers(CONTRACT_SCHEMAS.DomainEvent ?? {}).map(({ name, data }) => {
  const [type, version] = name.split('.v') as [string, string];
  return { name, type, version: Number(version), description: DESCRIPTIONS[name] ?? type, delivered: WEBHOOK_EVENT_TYPES.includes(name), schema: data };
});

/** A schema with every `$ref` it reaches inlined under `$defs`, so that it stands alone (2020-12). */
export function standalone(schema: JsonSchema): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => {
      if (key !== '$ref' || typeof value !== 'string') return [key, rewrite(value)];
      const name = value.replace('#/components/schemas/', '');
      if (!(name in defs)) {
        defs[name] = {};
        defs[name] = rewrite(CONTRACT_SCHEMAS[name]) as JsonSchema;
      }
      return [key, `#/$defs/${name}`];
    }));
  };
  const root = rewrite(schema) as JsonSchema;
  return Object.keys(defs).length === 0 ? root : { ...root, $defs: defs };
}
