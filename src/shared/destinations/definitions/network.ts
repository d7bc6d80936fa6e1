import type { FieldDefinition, NetworkFieldKey } from './types';

/** The network settings every destination has, shown under "Network" in the wizard. */
export const networkFields: readonly FieldDefinition<NetworkFieldKey>[] = [
  {
    key: 'proxyUrl',
    kind: 'text',
    label: 'Proxy',
    help:
      "An HTTP proxy for this stream only, as http://host:port. Leave empty to use the system's (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). " +
      'Put a proxy password in HTTPS_PROXY, never here: settings are stored unencrypted. Addresses on this machine never use a proxy.',
    placeholder: 'http://proxy.example.com:3128',
    required: false,
  },
  {
    key: 'useEnvironmentProxy',
    kind: 'checkbox',
    label: 'Use the system proxy settings',
    help: 'When no proxy is set above: on, honour HTTPS_PROXY/HTTP_PROXY/NO_PROXY; off, always connect directly.',
    required: false,
    advanced: true,
  },
  {
    key: 'caCertificatePem',
    kind: 'multiline',
    label: 'Trusted CA certificate',
    help:
      'For a server or proxy whose certificate your company issued (not a public certificate authority): paste the CA certificate (PEM, -----BEGIN CERTIFICATE-----…). ' +
      "It is trusted for this stream in addition to the system's certificate authorities.",
    placeholder: '-----BEGIN CERTIFICATE-----',
    required: false,
    advanced: true,
  },
  {
    key: 'pinnedCertificateSha256',
    kind: 'text',
    label: 'Trust this certificate (SHA-256 fingerprint)',
    help:
      'Accept a self-signed server certificate with exactly this fingerprint. Test stream shows it when it meets such a certificate. ' +
      'Only do this if you know the server: anyone presenting this certificate is trusted, whatever its name or expiry.',
    placeholder: 'AB:CD:…',
    required: false,
    advanced: true,
  },
  {
    key: 'allowPlainHttp',
    kind: 'checkbox',
    label: 'Allow plain HTTP',
    help:
      'Needed for an http:// address on another machine. The API key and every log record then cross the network unencrypted. ' +
      'Addresses on this machine (localhost, 127.0.0.1) never need it.',
    required: false,
    advanced: true,
  },
];
