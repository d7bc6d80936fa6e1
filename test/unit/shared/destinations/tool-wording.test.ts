import { describe, expect, it } from 'vitest';
import {
  describeCertificateProblem,
  describeNetworkFailure,
} from '../../../../src/main/destinations/http/network-error';
import { CertificateError } from '../../../../src/main/destinations/network/tls-trust';
import {
  destinationDefinitions,
  destinationTools,
  networkFields,
} from '../../../../src/shared/destinations';

/** Everything the wizard and the sender's messages say for one tool. */
function wordsFor(tool: (typeof destinationTools)[number]): string[] {
  const def = destinationDefinitions[tool];
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const ctx = { target: 'host:1234', proxy: null, timeoutMs: 1000, hints: def.troubleshooting };
  const cert = new CertificateError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed', 'host', null);
  const failure = describeNetworkFailure(refused, ctx);
  return [
    def.summary,
    ...def.fields.map((f) => f.help),
    ...def.credentials.flatMap((c) => [c.help, c.sentAs ?? '', c.sending ?? '']),
    ...Object.values(def.troubleshooting),
    ...networkFields.map((f) => def.networkHelp?.[f.key] ?? f.help),
    failure.message,
    failure.advice,
    describeCertificateProblem(cert, def.troubleshooting).advice,
  ];
}

describe("every tool's hints are its own", () => {
  it.each(destinationTools.filter((t) => t !== 'dynatrace'))(
    '%s: no ActiveGate, no port 9999, no Dynatrace',
    (tool) => {
      for (const text of wordsFor(tool)) {
        expect(text).not.toMatch(/ActiveGate|9999/);
        // Other (OTLP/HTTP) is also how older OutSystems setups reach Dynatrace (seed 000):
        // its key may be "Api-Token …", and saying so is its own advice.
        if (tool !== 'otlp') expect(text).not.toMatch(/Dynatrace|Api-Token/);
      }
    },
  );

  it('Dynatrace keeps its ActiveGate advice', () => {
    const words = wordsFor('dynatrace').join(' ');
    expect(words).toContain('ActiveGates listen on 9999');
    expect(words).toMatch(/an ActiveGate or a company proxy usually is/);
  });

  it("a refused connection names the tool's usual port", () => {
    expect(wordsFor('splunk').join(' ')).toContain('8088');
    expect(wordsFor('otlp').join(' ')).toContain('4318');
  });

  it("the S3 secret is never said to be 'sent as' anything", () => {
    const secret = destinationDefinitions.s3.credentials.find((c) => c.name === 'secretAccessKey')!;
    expect(secret.sentAs).toBeNull();
    expect(secret.sending).toMatch(/^It is never sent: Sluice uses it only to sign each request/);
  });
});
