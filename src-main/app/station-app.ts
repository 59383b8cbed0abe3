import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Result } from '../../src-shared/ipc/errors';
import { appendAudit, verifyAuditChain } from '../audit/audit-log';
import { openDatabase, type Db } from '../db/connection';
import { SessionHolder, type HandlerContext } from '../ipc/context';
import { dispatch } from '../ipc/dispatch';
import { DATABASE_FILE } from './data-directory';

export interface StationAppOptions {
  dataDirectory: string;
  shell: 'electron' | 'browser';
  version: string;
  /** Electron-ABI build of the SQLite driver, when running inside Electron. */
  nativeBinding?: string;
  now?: () => Date;
}

export interface StationApp {
  readonly context: HandlerContext;
  readonly db: Db;
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

/** The composition root of the privileged side, shared by Electron, the browser shell, tests and bench. */
export function openStationApp(options: StationAppOptions): StationApp {
  const db = openDatabase(join(options.dataDirectory, DATABASE_FILE), {
    nativeBinding: options.nativeBinding,
  });
  const now = options.now ?? (() => new Date());
  const session = new SessionHolder();
  const context: HandlerContext = {
    db,
    now,
    newId: () => uuidv7(),
    randomBytes: (n) => randomBytes(n),
    session,
    audit: (entry) =>
      appendAudit(
        db,
        {
          ...entry,
          userId: entry.userId !== undefined ? entry.userId : (session.current?.user.id ?? null),
          userName: entry.userName ?? session.current?.user.fullName ?? '',
        },
        now().toISOString(),
      ),
    // Checked at every start: tampering is shown to the people who use the station.
    auditIntegrity: { current: { ...verifyAuditChain(db), checkedAt: now().toISOString() } },
    info: { version: options.version, dataDirectory: options.dataDirectory, shell: options.shell },
  };
  return {
    context,
    db,
    dispatch: (channel, input) => dispatch(context, channel, input),
    close: () => db.close(),
  };
}
