import type { RequestArgument, RequestName, RequestResult } from '../../shared/api/contract';

/**
 * One function per request in the contract. The mapped type makes a missing
 * handler a compile error, so the contract and the engine cannot drift.
 */
export type Handlers = {
  [N in RequestName]: (input: RequestArgument<N>) => Promise<RequestResult<N>> | RequestResult<N>;
};
