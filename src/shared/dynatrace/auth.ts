/**
 * The dt.auth.origin Dynatrace adds to every record: the public part of the
 * API token. A Dynatrace token is `dt0c01.<public>.<secret>`; its origin is
 * `dt0c01.<public>`. An `Api-Token ` prefix (as typed into an Authorization
 * header) is ignored. Returns null for anything that is not such a token, so
 * no part of an unknown secret is ever shown.
 */
export function authOriginFromToken(token: string): string | null {
  const m = /^(?:Api-Token\s+)?(dt0c01\.[A-Za-z0-9]+)\.[A-Za-z0-9]+$/i.exec(token.trim());
  return m ? m[1]! : null;
}
