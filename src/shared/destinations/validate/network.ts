import type { NetworkSettings } from '../schema';
import { isLoopbackHost } from '../loopback';
import { normalizeSha256Fingerprint } from '../fingerprint';
import { error, warning, type DestinationIssue } from './issues';

/**
 * Plain http:// sends the token and the logs readable by anyone on the way:
 * allowed to this machine, and elsewhere only once the user has confirmed it.
 */
export function checkPlainHttp(
  path: string,
  url: string | null,
  network: NetworkSettings,
): DestinationIssue[] {
  if (url === null || !URL.canParse(url)) return [];
  const u = new URL(url);
  if (u.protocol !== 'http:' || isLoopbackHost(u.hostname)) return [];
  if (!network.allowPlainHttp) {
    return [
      error(
        path,
        `${u.host} would be reached over plain http://, which sends the API key and your logs unencrypted. ` +
          'Use https://, or confirm "Allow plain HTTP" in the network settings if this network is trusted.',
      ),
    ];
  }
  return [
    warning(
      path,
      `Logs and the API key go to ${u.host} unencrypted (plain HTTP was allowed for this stream).`,
    ),
  ];
}

export function checkNetwork(network: NetworkSettings): DestinationIssue[] {
  const issues: DestinationIssue[] = [];
  const { proxyUrl, caCertificatePem, pinnedCertificateSha256 } = network;
  if (proxyUrl !== null) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`;
    if (!URL.canParse(withScheme)) {
      issues.push(
        error(
          'network.proxyUrl',
          'Enter the proxy as http://host:port (for example http://proxy.example.com:3128).',
        ),
      );
    } else {
      const u = new URL(withScheme);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        issues.push(
          error(
            'network.proxyUrl',
            `Only HTTP proxies (http:// or https://) are supported, not ${u.protocol.slice(0, -1)}.`,
          ),
        );
      } else if (u.password) {
        // Stream settings are stored and exported as they are; a password
        // here would end up in the database. The environment keeps it out.
        issues.push(
          error(
            'network.proxyUrl',
            'Do not put the proxy password in the URL: stream settings are stored unencrypted. ' +
              'Set HTTPS_PROXY=http://user:password@host:port in the environment Sluice starts in instead.',
          ),
        );
      } else if (!u.port) {
        issues.push(
          warning(
            'network.proxyUrl',
            `No port given: ${u.protocol === 'https:' ? 443 : 80} will be used. Proxies usually listen on 3128 or 8080.`,
          ),
        );
      }
    }
  }
  if (
    caCertificatePem !== null &&
    !/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(caCertificatePem)
  ) {
    issues.push(
      error(
        'network.caCertificatePem',
        'Paste the CA certificate in PEM form: the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- (a .pem or .crt file opened in a text editor).',
      ),
    );
  }
  if (
    pinnedCertificateSha256 !== null &&
    normalizeSha256Fingerprint(pinnedCertificateSha256) === null
  ) {
    issues.push(
      error(
        'network.pinnedCertificateSha256',
        'A SHA-256 fingerprint is 64 hexadecimal digits, usually written in pairs separated by colons (AB:CD:...). Copy it from Test stream.',
      ),
    );
  }
  return issues;
}
