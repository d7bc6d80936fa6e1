import { describe, expect, it } from 'vitest';
import {
  detect,
  detectorsFor,
  type DetectorName,
} from '../../../../src/shared/processing/detectors';
import { ibanChecksumValid, isIPv6, luhnValid } from '../../../../src/shared/processing/detectors';

/** What one detector finds in `text`, as the matched strings. */
function found(name: DetectorName, text: string): string[] {
  return detect(detectorsFor([name]), text).map((f) => text.slice(f.start, f.end));
}

describe('email', () => {
  it('finds addresses in prose, URLs and JSON', () => {
    expect(found('email', 'sent to john.doe+tag@mail.example.com.')).toEqual([
      'john.doe+tag@mail.example.com',
    ]);
    expect(found('email', 'GET /reset?email=jo@example.org&x=1')).toEqual(['jo@example.org']);
    expect(found('email', '{"user":"a.b@c.io","cc":"x_y@d-e.co.uk"}')).toEqual([
      'a.b@c.io',
      'x_y@d-e.co.uk',
    ]);
  });
  it('leaves what is not an address', () => {
    expect(found('email', 'user@localhost, @mention, a@b, x@y.1, name@-bad.com, @@')).toEqual([]);
    expect(found('email', 'npm i @scope/pkg@1.2.3')).toEqual([]);
  });
});

describe('ipv4', () => {
  it('finds dotted quads, with ports and in URLs', () => {
    expect(found('ipv4', 'from 10.0.0.1:8080 via http://192.168.1.254/x, 0.0.0.0')).toEqual([
      '10.0.0.1',
      '192.168.1.254',
      '0.0.0.0',
    ]);
  });
  it('leaves versions, out-of-range octets and longer dotted numbers', () => {
    expect(found('ipv4', 'v1.2.3, 256.1.1.1, 1.2.3.4.5, 10.0.0, 01.2.3.4')).toEqual([]);
  });
});

describe('ipv6', () => {
  it('finds every textual form', () => {
    const forms = [
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      '2001:db8:85a3::8a2e:370:7334',
      '::1',
      'fe80::1%eth0',
      '::ffff:192.0.2.1',
      '64:ff9b::192.0.2.33',
      '2001:db8::',
    ];
    for (const form of forms) expect(found('ipv6', `addr ${form} ok`)).toEqual([form]);
    expect(found('ipv6', 'GET http://[2001:db8::1]:443/x')).toEqual(['2001:db8::1']);
    expect(found('ipv6', 'client=2001:db8::7, next')).toEqual(['2001:db8::7']);
  });
  it('leaves times, MAC addresses, C++ and Ruby scopes and invalid forms', () => {
    expect(
      found(
        'ipv6',
        'at 12:30:45.123 mac 00:1a:2b:3c:4d:5e std::vector Foo::Bar 2001:db8::1::2 1:2:3:4:5:6:7 2024-01-01T10:20:30Z',
      ),
    ).toEqual([]);
  });
  it('validates with isIPv6', () => {
    expect(isIPv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIPv6('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIPv6('::ffff:300.1.1.1')).toBe(false);
    expect(isIPv6('12345::1')).toBe(false);
  });
});

describe('card', () => {
  it('finds Luhn-valid numbers, grouped or not', () => {
    expect(found('card', 'paid with 4111 1111 1111 1111 today')).toEqual(['4111 1111 1111 1111']);
    expect(found('card', 'card=5500-0000-0000-0004;')).toEqual(['5500-0000-0000-0004']);
    expect(found('card', 'amex 3782 822463 10005')).toEqual(['3782 822463 10005']);
    expect(found('card', '{"pan":"6011111111111117"}')).toEqual(['6011111111111117']);
    expect(found('card', '4111 1111 1111 1111 2024')).toEqual(['4111 1111 1111 1111']);
  });
  it('leaves invalid Luhn, timestamps and longer numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(found('card', 'bad 4111111111111112, epoch 1700000000000')).toEqual([]);
    expect(found('card', 'nanos 1796444440038042000 id 41111111111111110000001')).toEqual([]);
    expect(found('card', 'phone 41 11 11 11 11 11 11 11')).toEqual([]);
  });
});

describe('iban', () => {
  it('finds electronic and printed IBANs with a valid checksum', () => {
    expect(found('iban', 'to DE89 3704 0044 0532 0130 00, thanks')).toEqual([
      'DE89 3704 0044 0532 0130 00',
    ]);
    expect(found('iban', 'iban=GB82WEST12345698765432')).toEqual(['GB82WEST12345698765432']);
  });
  it('leaves a wrong checksum or length', () => {
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('DE88370400440532013000')).toBe(false);
    expect(
      found('iban', 'DE88370400440532013000 DE8937040044053201300 XX89370400440532013000'),
    ).toEqual([]);
  });
});

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('jwt', () => {
  it('finds tokens alone, inside URLs and JSON', () => {
    expect(found('jwt', `token ${jwt}`)).toEqual([jwt]);
    expect(found('jwt', `https://x.example/cb?id_token=${jwt}&state=1`)).toEqual([jwt]);
    expect(found('jwt', `{"access_token":"${jwt}"}`)).toEqual([jwt]);
  });
  it('leaves base64 that is not a JWT', () => {
    expect(
      found(
        'jwt',
        'eyJhbGciOiJIUzI1NiJ9 alone, xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.x',
      ),
    ).toEqual([]);
  });
});

describe('bearer', () => {
  it('finds the token after Bearer, keeping the word', () => {
    expect(found('bearer', 'Authorization: Bearer abc.DEF-123_xyz=')).toEqual(['abc.DEF-123_xyz=']);
    expect(found('bearer', '{"authorization":"bearer 9f8e7d6c5b4a"}')).toEqual(['9f8e7d6c5b4a']);
  });
  it('leaves the word in prose', () => {
    expect(found('bearer', 'uses bearer authentication; the Bearer token is missing')).toEqual([]);
  });
});

const dtToken =
  'dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM';

describe('dynatrace-token', () => {
  it('finds tokens with their secret part, also in headers and URLs', () => {
    expect(found('dynatrace-token', `Api-Token ${dtToken}`)).toEqual([dtToken]);
    expect(found('dynatrace-token', `https://x/?Api-Token=${dtToken}&a=b`)).toEqual([dtToken]);
  });
  it('leaves the public id alone', () => {
    expect(found('dynatrace-token', 'dt.auth.origin dt0c01.ST2EY72KQINMH574WMNVI7YN')).toEqual([]);
  });
});

describe('aws-access-key', () => {
  it('finds AKIA and ASIA key ids', () => {
    expect(found('aws-access-key', 'key AKIAIOSFODNN7EXAMPLE and "ASIAY34FZKBOKMUTVV7A"')).toEqual([
      'AKIAIOSFODNN7EXAMPLE',
      'ASIAY34FZKBOKMUTVV7A',
    ]);
  });
  it('leaves other prefixes and longer words', () => {
    expect(
      found('aws-access-key', 'AIDAIOSFODNN7EXAMPLE XAKIAIOSFODNN7EXAMPLE AKIAIOSFODNN7EXAMPLEX'),
    ).toEqual([]);
  });
});

describe('url-secret', () => {
  it('finds secret parameters in URLs, forms, log lines and JSON', () => {
    expect(found('url-secret', 'GET /cb?code=abc123&state=xyz&sig=ZZZ#frag')).toEqual([
      'abc123',
      'ZZZ',
    ]);
    expect(found('url-secret', 'login user=bob password=hunter2 ok')).toEqual(['hunter2']);
    expect(found('url-secret', 'https://s3/x?X-Amz-Signature=beef01&X-Amz-Date=1')).toEqual([
      'beef01',
    ]);
    expect(found('url-secret', '{"user": "bob", "client_secret": "s\\"3"}')).toEqual(['s\\"3']);
  });
  it('leaves other parameters, and codes outside URLs', () => {
    expect(found('url-secret', '/search?q=token&page=2 {"code": "E42"} keyboard=1')).toEqual([]);
  });
});

describe('detect with several detectors', () => {
  it('reports one find where two overlap', () => {
    const text = `https://x.example/?token=${jwt} from 10.1.2.3`;
    const finds = detect(detectorsFor('all'), text);
    expect(finds.map((f) => f.detector)).toEqual(['jwt', 'ipv4']);
  });
  it('stays linear on adversarial input (each detector returns on 200,000 characters)', () => {
    const inputs = [
      'a'.repeat(100_000) + '@',
      '@a'.repeat(100_000),
      '1'.repeat(200_000),
      '1 '.repeat(100_000),
      ':a'.repeat(100_000),
      'eyJ'.repeat(66_000),
      '&x='.repeat(66_000),
      '"password": "' + '\\'.repeat(199_999),
      '"a":"'.repeat(40_000),
    ];
    for (const text of inputs) expect(detect(detectorsFor('all'), text)).toEqual([]);
  });
});
