/**
 * Defence in depth for secrets: servers sometimes echo what they were sent
 * ("invalid token dt0c01.ABC…"), and error texts can quote a header. Every
 * string a sender or Test stream produces passes through here before it can
 * reach a window, a log or the database.
 */
export const redactedMarker = '[redacted]';

/** The strings to hide for a set of credentials: each value, and the secret part of a Dynatrace token. */
export function secretsOf(credentials: Readonly<Record<string, string>>): string[] {
  const out = new Set<string>();
  for (const raw of Object.values(credentials) as unknown[]) {
    // Typed as strings, but callers' objects have been seen to gain extra
    // properties (the AWS SDK tags credential objects it is given).
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    if (value.length < 4) continue;
    out.add(value);
    // "Api-Token dt0c01.X.Y" pasted with its scheme: the bare token too.
    const bare = value.replace(/^[A-Za-z-]+\s+/, '');
    if (bare !== value && bare.length >= 4) out.add(bare);
    // The secret portion of dt0c01.PUBLIC.SECRET may be echoed on its own;
    // the public part is not secret (it is what Dynatrace shows as dt.auth.origin).
    const secretPart = /\.([A-Za-z0-9]{16,})$/.exec(bare)?.[1];
    if (secretPart) out.add(secretPart);
  }
  // Longest first, so a token is replaced whole before its parts are looked for.
  return [...out].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string;
export function redact(text: string | null, secrets: readonly string[]): string | null;
export function redact(text: string | null, secrets: readonly string[]): string | null {
  if (text === null) return null;
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(redactedMarker);
  }
  return out;
}

/** Redacts every string inside a JSON-like value (results, steps), returning a copy. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}
