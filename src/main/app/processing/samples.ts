import { av, createLogRecord, kv, SeverityNumber, type LogRecord } from '../../../shared/otlp';

/**
 * Records with the secrets processing rules are for, mixed into the sample
 * records the rule editor tests against: the sample generator's records
 * carry client IP addresses but no e-mail, card or token. Every value is a
 * documented test value (example.com addresses, the test card numbers and
 * IBAN of the networks' and banks' documentation, AWS's example key id).
 */
export function recordsWithSecrets(nowNanos: bigint): LogRecord[] {
  const at = (i: number) => nowNanos - BigInt(i) * 1_000_000n;
  const rec = (i: number, body: string, attributes: [string, string][], severity = 9) =>
    createLogRecord({
      timeUnixNano: at(i),
      observedTimeUnixNano: at(i),
      severityNumber: severity,
      severityText: severity >= SeverityNumber.ERROR ? 'ERROR' : 'INFO',
      body: av.string(body),
      attributes: attributes.map(([k, v]) => kv(k, av.string(v))),
    });
  return [
    rec(1, 'Password reset requested for jane.doe@example.com from 203.0.113.7', [
      ['enduser.id', 'jane.doe@example.com'],
      ['client.address', '203.0.113.7'],
    ]),
    rec(2, 'Payment authorised: card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00', [
      ['payment.card', '5500-0000-0000-0004'],
    ]),
    rec(
      3,
      'GET https://api.example.com/v1/orders?customer=42&api_key=sk_test_4eC39HqLyjWDarjtT1zdp7dc&page=2',
      [
        [
          'http.request.header.authorization',
          'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
        ],
      ],
    ),
    rec(4, 'Uploaded export with AKIAIOSFODNN7EXAMPLE to bucket reports', [
      ['client.address', '2001:db8::8a2e:370:7334'],
    ]),
    rec(
      5,
      'Login failed for user=bob password=hunter2 session=9f2c1e',
      [['user.email', 'bob@example.org']],
      SeverityNumber.ERROR,
    ),
  ];
}
