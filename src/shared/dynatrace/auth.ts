/**
 * The dt.auth.origin Dynatrace adds to every record: the public part of the
 * API token. A Dynatrace token is `dt0c01.<public>.<secret>` (other `dt0?NN`
 * prefixes have the same shape); its origin is `dt0c01.<public>`. An
 * `Api-Token ` prefix (as typed into an Authorization header) is ignored.
 * Returns null for anything that is not such a token, so no part of an
 * unknown secret is ever shown.
 */
export function authOriginFromToken(token: string): string | null {
  const m = /^(?:Api-Token\s+)?(dt0[a-z][0-9]{2}\.[^.\s]+)\.[^.\s]+$/i.exec(token.trim());
  return m ? m[1]! : null;
}
