/**
 * SHA-256 certificate fingerprints, spelled the way Node's
 * `getPeerCertificate().fingerprint256` and most browsers show them:
 * 32 upper-case hex pairs joined by colons. Users paste them with or without
 * colons or spaces, in either case; all of those mean the same pin.
 */
export function normalizeSha256Fingerprint(input: string): string | null {
  const hex = input.replace(/^sha-?256[:= ]*/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}
