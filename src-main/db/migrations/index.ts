import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-accounts-audit';
import { migration0003 } from './0003-subject-rights';
import { migration0004 } from './0004-duplicate-merge';
import { migration0005 } from './0005-elderly-screening';
import { migration0006 } from './0006-school-screening';
import { migration0007 } from './0007-sync';
import { migration0008 } from './0008-resident-search-indexes';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order; each is imported explicitly so bundling cannot drop one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
