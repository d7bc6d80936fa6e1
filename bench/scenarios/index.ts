import { encodeScenario } from './encode';
import type { Scenario } from './types';

/** In the order the table lists them. */
export const scenarios: readonly Scenario[] = [encodeScenario];
