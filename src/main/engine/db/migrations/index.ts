import type { Migration } from '../migration';
import { migration001Streams } from './001-streams';

/** Every migration, in order. Add a new file and append it here; never edit a landed one. */
export const migrations: readonly Migration[] = [migration001Streams];
