import type { Destination } from '../schema';
import { destinationEndpointUrl } from '../request-spec';
import { checkDynatrace } from './dynatrace';
import { checkNetwork, checkPlainHttp } from './network';
import {
  checkDatadog,
  checkElastic,
  checkNewRelic,
  checkOtlp,
  checkS3,
  checkSplunk,
} from './tools';
import type { DestinationIssue } from './issues';

export type { DestinationIssue, IssueSeverity } from './issues';
export { validateCredential, stripPastedScheme } from './credentials';

function byTool(d: Destination): DestinationIssue[] {
  switch (d.tool) {
    case 'dynatrace':
      return checkDynatrace(d);
    case 'newrelic':
      return checkNewRelic(d);
    case 'elastic':
      return checkElastic(d);
    case 'datadog':
      return checkDatadog(d);
    case 'splunk':
      return checkSplunk(d);
    case 's3':
      return checkS3(d);
    case 'otlp':
      return checkOtlp(d);
  }
}

/** Which field holds the address a plain-http problem is reported on. */
function urlField(d: Destination): string {
  return d.tool === 's3' ? 'endpoint' : 'url';
}

/** Every error and warning about a destination's settings (credentials: validateCredential). */
export function validateDestination(d: Destination): DestinationIssue[] {
  const endpoint = d.tool === 's3' ? d.endpoint : destinationEndpointUrl(d);
  return [
    ...checkPlainHttp(urlField(d), endpoint, d.network),
    ...checkNetwork(d.network),
    ...byTool(d),
  ];
}

/** Only what makes the destination unusable: the schema refuses these. */
export function destinationErrors(d: Destination): DestinationIssue[] {
  return validateDestination(d).filter((i) => i.severity === 'error');
}
