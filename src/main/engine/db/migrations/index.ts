import type { Migration } from '../migration';
import { migration001Streams } from './001-streams';
import { migration002Buffer } from './002-buffer';
import { migration003Activity } from './003-activity';
import { migration004Sources } from './004-sources';
import { migration005CredentialEnv } from './005-credential-env';
import { migration006Segments } from './006-segments';

/** Every migration, in order. Add a new file and append it here; never edit a landed one. */
export const migrations: readonly Migration[] = [
  migration001Streams,
  migration002Buffer,
  migration003Activity,
  migration004Sources,
  migration005CredentialEnv,
  migration006Segments,
];
