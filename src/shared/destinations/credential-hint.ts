/**
 * A hint that is safe to show and store for a credential. A Dynatrace token
 * is `dt0c01.<public>.<secret>`: the `dt0c01.<public>` part identifies the
 * token (it is what Dynatrace records as dt.auth.origin) and is not secret.
 * For anything else no part of the value is shown: only that it is set.
 */
export function credentialHint(value: string): string | null {
  const m = /^(dt0c01\.[A-Za-z0-9]+)\.[A-Za-z0-9]+$/.exec(value.trim());
  return m ? (m[1] ?? null) : null;
}
