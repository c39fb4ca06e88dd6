import { RequestValidationError, type FieldProblem } from '../../../../libs/application/src/index.js';
import { checkEndpoint, EndpointRefusedError, normaliseEventType, normaliseJurisdiction, WEBHOOK_EVENT_TYPES } from '../../../../libs/webhooks/src/index.js';

/** Event types as given, each checked against what the log records; problems name `eventTypes[i]`. */
export function eventTypesOf(types: readonly string[] | undefined, problems: FieldProblem[]): string[] {
  return (types ?? []).flatMap((type, index) => {
    const known = normaliseEventType(type);
    if (known) return [known];
    problems.push({ field: `eventTypes[${index}]`, message: `eventTypes[${index}] must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}; got ${JSON.stringify(type)}` });
    return [];
  });
}

/** Jurisdictions by code or name, as codes; problems name `jurisdictions[i]`. */
export function jurisdictionsOf(codes: readonly string[] | undefined, problems: FieldProblem[]): string[] {
  return (codes ?? []).flatMap((code, index) => {
    const known = normaliseJurisdiction(code);
    if (known) return [known];
    problems.push({ field: `jurisdictions[${index}]`, message: `jurisdictions[${index}] is not a known jurisdiction: ${JSON.stringify(code)}` });
    return [];
  });
}

/** SSRF: the endpoint's scheme and resolved addresses; a refusal is a 400 naming `url`. */
export async function checkUrl(url: string, allowPrivate: boolean, problems: FieldProblem[]): Promise<void> {
  try {
    await checkEndpoint(url, allowPrivate);
  } catch (error) {
    if (!(error instanceof EndpointRefusedError)) throw error;
    problems.push({ field: 'url', message: error.message });
  }
}

export function throwIfAny(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw new RequestValidationError(problems);
}
