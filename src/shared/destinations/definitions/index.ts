import type { DestinationTool } from '../schema';
import { datadogDefinition } from './datadog';
import { dynatraceDefinition } from './dynatrace';
import { elasticDefinition } from './elastic';
import { newRelicDefinition } from './newrelic';
import { otlpDefinition } from './otlp';
import { s3Definition } from './s3';
import { splunkDefinition } from './splunk';
import type { DestinationDefinition } from './types';

export type * from './types';
export { networkFields } from './network';

/** Every tool, in the order the wizard shows its tiles. */
export const destinationDefinitions: { readonly [T in DestinationTool]: DestinationDefinition<T> } =
  {
    dynatrace: dynatraceDefinition,
    newrelic: newRelicDefinition,
    elastic: elasticDefinition,
    datadog: datadogDefinition,
    splunk: splunkDefinition,
    s3: s3Definition,
    otlp: otlpDefinition,
  };

export function destinationDefinition<T extends DestinationTool>(
  tool: T,
): DestinationDefinition<T> {
  return destinationDefinitions[tool];
}
