import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataModel } from '../../../shared/dynatrace';
import type { Counters } from './stats';
import type { FaultController } from './faults';
import type { RecordStore } from './record-store';

/** What happened to one request on an ingest path, for a log line or a demo's UI. */
export interface IngestEvent {
  requestId: number;
  method: string;
  path: string;
  /** The HTTP status answered; null when the request was reset, hung or abandoned. */
  status: number | null;
  outcome: 'answered' | 'reset' | 'hung' | 'aborted';
  /** Log records in the request (0 when it was not read that far). */
  records: number;
  rejected: number;
  wireBytes: number;
  /** The error or partial-success message, when there is one. */
  message: string | null;
  /** Whether an injected fault decided the outcome. */
  injected: boolean;
}

/** Everything the request handlers share; built once by startDynatraceLocal. */
export interface EndpointContext {
  /** null: any Api-Token is accepted. */
  token: string | null;
  maxPayloadBytes: number;
  model: DataModel;
  now: () => bigint;
  store: RecordStore;
  counters: Counters;
  faults: FaultController;
  emit: (event: IngestEvent) => void;
  /** Resolves after `ms`, or early (false) when the endpoint is closing. */
  sleep: (ms: number) => Promise<boolean>;
  /** Keeps a request unanswered until the client leaves or the endpoint closes. */
  hold: (req: IncomingMessage, res: ServerResponse) => void;
  nextRequestId: () => number;
}
