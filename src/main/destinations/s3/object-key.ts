/**
 * Where a batch is written: `{prefix}YYYY/MM/DD/HH/{time}-{id}.json.gz`, in
 * UTC, by the time of sending. Date folders make a bucket browsable and let
 * Athena or a lifecycle rule work per day or hour; the time first in the name
 * sorts objects in the order they were written; the random id keeps two
 * batches in the same millisecond apart.
 */
function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function normalizePrefix(prefix: string): string {
  const p = prefix.trim().replace(/^\/+/, '');
  return p === '' || p.endsWith('/') ? p : `${p}/`;
}

export function s3ObjectKey(prefix: string, at: Date, id: string): string {
  const y = at.getUTCFullYear();
  const mo = pad(at.getUTCMonth() + 1);
  const d = pad(at.getUTCDate());
  const h = pad(at.getUTCHours());
  const stamp = `${y}${mo}${d}T${h}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}${pad(at.getUTCMilliseconds(), 3)}Z`;
  return `${normalizePrefix(prefix)}${y}/${mo}/${d}/${h}/${stamp}-${id}.json.gz`;
}
