import { cardDetector } from './card';
import { emailDetector } from './email';
import { ibanDetector } from './iban';
import { ipv4Detector, ipv6Detector } from './ip';
import { detectorNames, type DetectorName } from './names';
import {
  awsAccessKeyDetector,
  bearerDetector,
  dynatraceTokenDetector,
  jwtDetector,
  urlSecretDetector,
} from './tokens';
import type { Detector, Found } from './types';

export { detectorLabels, detectorNames, type DetectorName } from './names';
export type { Detector, Found } from './types';
export { luhnValid } from './card';
export { ibanChecksumValid } from './iban';
export { isIPv4, isIPv6 } from './ip';
export { isSecretName, secretParameterNames } from './tokens';

const byName: Record<DetectorName, Detector> = {
  jwt: jwtDetector,
  bearer: bearerDetector,
  'dynatrace-token': dynatraceTokenDetector,
  'aws-access-key': awsAccessKeyDetector,
  'url-secret': urlSecretDetector,
  email: emailDetector,
  card: cardDetector,
  iban: ibanDetector,
  ipv6: ipv6Detector,
  ipv4: ipv4Detector,
};

/** The detectors with these names, in the registry's order (which decides ties). */
export function detectorsFor(names: readonly DetectorName[] | 'all'): Detector[] {
  const wanted = names === 'all' ? detectorNames : detectorNames.filter((n) => names.includes(n));
  return wanted.map((n) => byName[n]);
}

/** One expression a text must match for any of these detectors to find something in it. */
export function gateFor(detectors: readonly Detector[]): RegExp {
  return new RegExp(detectors.map((d) => `(?:${d.gate})`).join('|'));
}

const priority = new Map(detectorNames.map((n, i) => [n, i]));

/**
 * What the detectors find in `text`, left to right, without overlaps: where
 * two finds overlap, the one that starts first wins, then the longer, then
 * the detector listed first ("https://x/?token=eyJ..." is one find, not two).
 */
export function detect(detectors: readonly Detector[], text: string): Found[] {
  const found: Found[] = [];
  for (const d of detectors) d.find(text, found);
  if (found.length < 2) return found;
  found.sort(
    (a, b) =>
      a.start - b.start || b.end - a.end || priority.get(a.detector)! - priority.get(b.detector)!,
  );
  const out: Found[] = [];
  let end = -1;
  for (const f of found) {
    if (f.start < end) continue;
    out.push(f);
    end = f.end;
  }
  return out;
}
