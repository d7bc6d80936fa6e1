/**
 * Loopback hosts: the only places plain http:// is allowed without the user's
 * confirmation (a local collector or test endpoint never leaves the machine),
 * and the only places a proxy is never used for.
 */

/** `[::1]` as URL.hostname spells it, without brackets, lower-cased. */
function bareHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

function isIpv4Loopback(host: string): boolean {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

export function isLoopbackHost(host: string): boolean {
  const h = bareHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped IPv6 loopback, as Node prints it.
  if (h.startsWith('::ffff:') && isIpv4Loopback(h.slice(7))) return true;
  return isIpv4Loopback(h);
}

/** Whether a URL is plain http:// to somewhere other than this machine. */
export function isPlainHttpToRemote(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === 'http:' && !isLoopbackHost(u.hostname);
}
