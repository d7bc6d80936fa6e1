import { destinationDefinitions } from './definitions';
import {
  defaultBatchBytesFrom,
  deliveryLimitIssues,
  requestLimitsFrom,
  type DeliveryLimitIssue,
  type RequestLimits,
} from './request-limits';
import { toolLabels, type DestinationTool } from './schema';

/**
 * The request limits of a destination, from its tool's definition: what the
 * exporter cuts batches to, and what the settings are checked against.
 */
export function requestLimitsOf(destination: { tool: DestinationTool }): RequestLimits {
  return requestLimitsFrom(destinationDefinitions[destination.tool].requestLimits);
}

/** The batch size in bytes a stream to this tool uses when its settings name none. */
export function defaultMaxBatchBytes(tool: DestinationTool): number {
  return defaultBatchBytesFrom(requestLimitsOf({ tool }));
}

/** Batch settings beyond what the destination takes in one request, with the limit and its source. */
export function deliveryIssuesFor(
  destination: { tool: DestinationTool },
  delivery: { maxBatchBytes?: number | undefined; maxBatchRecords?: number | undefined },
): DeliveryLimitIssue[] {
  return deliveryLimitIssues(toolLabels[destination.tool], requestLimitsOf(destination), delivery);
}
