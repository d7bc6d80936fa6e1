/**
 * The built-in detectors, in the order they are tried: where two find the
 * same span, the earlier one names it. Specific token shapes come before the
 * generic ones that would also match parts of them.
 */
export const detectorNames = [
  'jwt',
  'bearer',
  'dynatrace-token',
  'aws-access-key',
  'url-secret',
  'email',
  'card',
  'iban',
  'ipv6',
  'ipv4',
] as const;
export type DetectorName = (typeof detectorNames)[number];

export const detectorLabels: Record<DetectorName, string> = {
  jwt: 'JSON Web Tokens',
  bearer: 'Bearer tokens',
  'dynatrace-token': 'Dynatrace tokens',
  'aws-access-key': 'AWS access key ids',
  'url-secret': 'Secrets in URLs and key=value pairs',
  email: 'E-mail addresses',
  card: 'Payment card numbers (Luhn-checked)',
  iban: 'IBANs (mod-97-checked)',
  ipv6: 'IPv6 addresses',
  ipv4: 'IPv4 addresses',
};
