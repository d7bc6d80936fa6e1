/**
 * Names in the exported configuration, derived from Sluice's names so that a
 * reader can find each stream again:
 *
 * - Component names (`otlp_http/production`): the stream or source name in
 *   lower case, every run of characters other than a-z, 0-9, `_`, `-` and `.`
 *   replaced by `_` (the Collector refuses spaces, symbols and `/` in a name).
 * - Environment variables (`SLUICE_PRODUCTION_TOKEN`): `SLUICE_`, the name in
 *   upper case with every run of other characters than A-Z and 0-9 replaced
 *   by `_`, then the credential (`TOKEN`, `ACCESS_KEY_ID`); for a source's
 *   token `SLUICE_SOURCE_<NAME>_TOKEN`.
 *
 * Two names that come out the same get `_2`, `_3` … in the export's order
 * (by name), so the result never depends on anything but the input.
 */

function squeeze(s: string, keep: RegExp): string {
  return s
    .split('')
    .map((c) => (keep.test(c) ? c : '_'))
    .join('')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function componentSlug(name: string): string {
  return squeeze(name.toLowerCase(), /[a-z0-9_.-]/) || 'unnamed';
}

export function envSlug(name: string): string {
  return squeeze(name.toUpperCase(), /[A-Z0-9]/) || 'UNNAMED';
}

/** `accessKeyId` → `ACCESS_KEY_ID`. */
export function envCredentialPart(credential: string): string {
  return credential.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Gives each name a unique slug, in the order given. */
export function uniqueSlugs(
  names: readonly string[],
  slug: (n: string) => string,
): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const name of names) {
    const base = slug(name);
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    out.set(name, candidate);
  }
  return out;
}

/** A reference the Collector expands from its environment when it loads the file. */
export function envRef(variable: string): string {
  return `\${env:${variable}}`;
}

/**
 * Text from the user (a URL, a path, a regular expression, an attribute value)
 * as a configuration value: the Collector expands `${…}` in every string and
 * reads `$$` as one `$`, so each `$` is doubled to stay literal.
 */
export function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}
