import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { HttpResult } from './app-harness.js';

// ajv-formats is CommonJS: its function is the default export's default under ESM
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as
  (ajv: Ajv2020) => Ajv2020;

type Json = Record<string, any>;
const DOCUMENT_ID = 'https://regulatory-timeline.invalid/openapi.json';
const pointer = (...parts: string[]) => '#/' + parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks live answers against the served OpenAPI 3.1 document with ajv (JSON Schema 2020-12):
 * the status is one the operation documents, the content type one of its media types, the body
 * valid against that media type's schema, and every documented header present when required and
 * valid when present. Records which operation answered which status, for the coverage check.
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  /** "GET /v1/bans" -> statuses seen */
  readonly seen = new Map<string, Set<string>>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Every operation of the document, as "METHOD /path/{template}". */
  operations(): string[] {
    return Object.entries(this.document.paths as Json).flatMap(([path, item]) =>
      Object.keys(item as Json).filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map((method) => `${method.toUpperCase()} ${path}`));
  }

  /** The operation a concrete request matches ("GET /v1/jurisdictions/CN-HB/state?x" -> "GET /v1/jurisdictions/{code}/state"). */
  operationOf(method: string, url: string): string {
    const path = new URL(url, 'http://x.invalid').pathname;
    const matches = this.operations().filter((operation) => {
      const [verb, template] = operation.split(' ') as [string, string];
      if (verb !== method.toUpperCase()) return false;
      return new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path);
    });
    // a literal segment beats a template (/v1/events.ndjson, not /v1/events/{x})
    matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    if (!matches[0]) throw new Error(`${method} ${path}: no operation of the document matches`);
    return matches[0];
  }

  /** Problems of one live answer against the document; [] when it conforms. */
  check(method: string, url: string, response: HttpResult): string[] {
    const operationKey = this.operationOf(method, url);
    const [verb, template] = operationKey.split(' ') as [string, string];
    const status = String(response.status);
    (this.seen.get(operationKey) ?? this.seen.set(operationKey, new Set()).get(operationKey)!).add(status);
    const where = `${method} ${url} -> ${status}`;
    const responses = this.document.paths[template][verb.toLowerCase()].responses as Json;
    let documented = responses[status];
    if (!documented) return [`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`];
    let base = pointer('paths', template, verb.toLowerCase(), 'responses', status);
    if (documented.$ref) {
      base = documented.$ref;
      documented = this.resolve(documented.$ref);
    }
    const problems: string[] = [];
    for (const [name, header] of Object.entries((documented.headers ?? {}) as Json)) {
      const spec = header.$ref ? this.resolve(header.$ref) : header;
      const value = response.headers.get(name);
      if (value === null) {
        if (spec.required) problems.push(`${where}: required header ${name} missing`);
        continue;
      }
      const validate = this.ajv.compile(spec.schema);
      if (!validate(value)) problems.push(`${where}: header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText(validate.errors)}`);
    }
    const content = documented.content as Json | undefined;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!content) {
      if (response.body !== null && response.body !== '') problems.push(`${where}: a body where none is documented`);
      return problems;
    }
    if (!content[type]) return [...problems, `${where}: content-type ${type} not documented (${Object.keys(content).join(', ')})`];
    const schemaRef = `${DOCUMENT_ID}${base}/content/${type.replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
    let validate = this.compiled.get(schemaRef);
    if (!validate) {
      validate = this.ajv.compile({ $ref: schemaRef });
      this.compiled.set(schemaRef, validate);
    }
    if (!validate(response.body)) {
      problems.push(`${where}: body ${this.ajv.errorsText(validate.errors?.slice(0, 5), { separator: '\n  ' })}`);
    }
    return problems;
  }

  /** A body delivered to a webhook, against the document's `webhooks` entry of its type. */
  checkWebhook(payload: Json): string[] {
    const entry = this.document.webhooks?.[payload?.type];
    if (!entry) return [`webhook ${payload?.type}: not documented`];
    const validate = this.ajv.compile({
      $ref: `${DOCUMENT_ID}${pointer('webhooks', payload.type, 'post', 'requestBody', 'content', 'application/json', 'schema')}`,
    });
    const type = String(payload.type);
    return validate(payload) ? [] : [`webhook ${type}: ${this.ajv.errorsText(validate.errors?.slice(0, 5))}`];
  }

  private resolve(ref: string): Json {
    return ref.replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Json, part) => node[part], this.document);
  }
}
