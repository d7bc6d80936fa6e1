import { backlogScenario } from './backlog';
import { e2ePlainScenario, e2eScenario } from './e2e';
import { encodeScenario } from './encode';
import { exportScenario } from './export';
import { fileTailScenario } from './file-tail';
import { idleScenario } from './idle';
import { ingestScenario } from './ingest';
import { lagScenario } from './lag';
import { maskScenario } from './mask';
import { steadyScenario } from './steady';
import type { Scenario } from './types';

/** In the order the table lists them. */
export const scenarios: readonly Scenario[] = [
  encodeScenario,
  ingestScenario,
  exportScenario,
  e2eScenario,
  e2ePlainScenario,
  steadyScenario,
  idleScenario,
  maskScenario,
  backlogScenario,
  lagScenario,
  fileTailScenario,
];
