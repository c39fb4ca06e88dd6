/**
 * The draft's two fields, read as a client would. Draft -11, 3.1: "q: The REQUIRED "q" parameter
 * indicates the quota allocated by this policy"; "w: ... a time window" in seconds. 4.1: "r: ...
 * the available quota under the identified policy"; "t: ... the number of seconds within which the
 * client can use no more than the available quota". Null when the answer carries neither.
 */
export function rateLimitFields(headers: Headers): { q: number; w: number; r: number; t: number } | null {
  const policy = headers.get('ratelimit-policy');
  const limit = headers.get('ratelimit');
  if (policy === null && limit === null) return null;
  const quota = /^"default";q=(\d+);w=(\d+)$/.exec(policy ?? '');
  const left = /^"default";r=(\d+);t=(\d+)$/.exec(limit ?? '');
  if (!quota || !left) throw new Error(`not the draft's fields: RateLimit-Policy ${policy}, RateLimit ${limit}`);
  return { q: Number(quota[1]), w: Number(quota[2]), r: Number(left[1]), t: Number(left[2]) };
}
