import type { Channel } from '../../../src-shared/ipc/channels';
import { accountHandlers } from './account-handlers';
import { auditHandlers } from './audit-handlers';
import { backupHandlers } from './backup-handlers';
import { declarationHandlers } from './declaration-handlers';
import { duplicateHandlers } from './duplicate-handlers';
import { elderlyHandlers } from './elderly-handlers';
import { residentHandlers } from './resident-handlers';
import { schoolHandlers } from './school-handlers';
import { schoolOutputHandlers } from './school-output-handlers';
import { stationHandlers } from './station-handlers';
import { subjectHandlers } from './subject-handlers';
import { syncHandlers } from './sync-handlers';
import type { HandlerMap } from './types';

/** Typed over every channel: a channel without a handler does not compile. */
export const handlers: HandlerMap<Channel> = {
  ...stationHandlers,
  ...residentHandlers,
  ...declarationHandlers,
  ...duplicateHandlers,
  ...accountHandlers,
  ...auditHandlers,
  ...subjectHandlers,
  ...backupHandlers,
  ...elderlyHandlers,
  ...schoolHandlers,
  ...schoolOutputHandlers,
  ...syncHandlers,
};
