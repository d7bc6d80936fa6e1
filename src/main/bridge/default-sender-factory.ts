import { toolLabels } from '../../shared/destinations/schema';
import type { SenderFactory } from '../destinations/sender';
import { EngineError } from '../errors';

/**
 * The sender factory the app uses. Until the destinations land
 * (src/main/destinations/create-sender.ts), every stream stops with a
 * sentence saying why instead of failing obscurely.
 */
export const defaultSenderFactory: SenderFactory = (stream) => {
  throw new EngineError(
    'unavailable',
    `Sending to ${toolLabels[stream.destination.tool]} is not available in this build of Sluice yet.`,
  );
};
