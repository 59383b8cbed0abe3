import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import type { Db } from '../db/connection';
import { prepared } from '../db/statements';

/**
 * The station's audit trail: who did what to which record, when, with what outcome. Rows
 * are only ever appended; each carries the SHA-256 of the row before it, so an edited row, a
 * deleted row or a cut-off tail is found by `verifyAuditChain` (the tail through SQLite's own
 * AUTOINCREMENT counter, which remembers the highest sequence number ever written).
 */
export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  action: string;
  userId: string | null;
  userName: string;
  recordType?: string | null;
  recordId?: string | null;
  outcome?: AuditOutcome;
  /** Never personal data in clear: field names, counts, digests. */
  details?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  userId: string | null;
  userName: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash of a row: its predecessor's hash and every field of its own, canonically. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const { prevHash, ...fields } = row;
  return sha256Hex(`${prevHash}\n${canonicalJson(fields)}`);
}

/** Appends one entry. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, entry: AuditEntry, at: string): AuditRow {
  const last = prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const counter = prepared(db, `SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get() as
    { seq: number } | undefined;
  const seq = Math.max(last?.seq ?? 0, counter?.seq ?? 0) + 1;
  const base: Omit<AuditRow, 'hash'> = {
    seq,
    at,
    userId: entry.userId,
    userName: entry.userName,
    action: entry.action,
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    outcome: entry.outcome ?? 'ok',
    details: entry.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...base, hash: auditRowHash(base) };
  prepared(
    db,
    `INSERT INTO audit_log (seq, at, user_id, user_name, action, record_type, record_id, outcome,
       details, prev_hash, hash)
     VALUES (@seq, @at, @userId, @userName, @action, @recordType, @recordId, @outcome, @details,
       @prevHash, @hash)`,
  ).run({ ...row, details: JSON.stringify(row.details) });
  return row;
}

interface StoredRow {
  seq: number;
  at: string;
  userId: string | null;
  userName: string;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: AuditOutcome;
  details: string;
  prevHash: string;
  hash: string;
}

const ROW_COLUMNS = `seq, at, user_id AS userId, user_name AS userName, action,
  record_type AS recordType, record_id AS recordId, outcome, details, prev_hash AS prevHash, hash`;

function toRow(stored: StoredRow): AuditRow {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(stored.details) as Record<string, unknown>;
  } catch {
    details = { unreadable: stored.details };
  }
  return { ...stored, details };
}

export type AuditProblem = 'edited' | 'deleted' | 'truncated';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row where the chain breaks, and how. */
  problem: AuditProblem | null;
  atSeq: number | null;
}

/** Walks the whole chain. Reads only; safe to run at start-up and from the supervisor's screen. */
export function verifyAuditChain(db: Db): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const stored of prepared(
    db,
    `SELECT ${ROW_COLUMNS} FROM audit_log ORDER BY seq`,
  ).iterate() as IterableIterator<StoredRow>) {
    const row = toRow(stored);
    if (row.seq !== expectedSeq || row.prevHash !== expectedPrev) {
      return { ok: false, checked, problem: 'deleted', atSeq: row.seq };
    }
    const { hash, ...rest } = row;
    if (auditRowHash(rest) !== hash)
      return { ok: false, checked, problem: 'edited', atSeq: row.seq };
    expectedPrev = hash;
    expectedSeq += 1;
    checked += 1;
  }
  const counter = prepared(db, `SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`).get() as
    { seq: number } | undefined;
  if ((counter?.seq ?? 0) > checked) {
    return { ok: false, checked, problem: 'truncated', atSeq: checked + 1 };
  }
  return { ok: true, checked, problem: null, atSeq: null };
}

export interface AuditFilter {
  userId?: string | undefined;
  action?: string | undefined;
  recordId?: string | undefined;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string | undefined;
  to?: string | undefined;
  /** Page backwards from this sequence number (exclusive). */
  beforeSeq?: number | undefined;
  limit: number;
}

/** Newest first, filtered by person (record), user, action and time. */
export function queryAudit(db: Db, filter: AuditFilter): AuditRow[] {
  // Stored instants are toISOString() (milliseconds, Z); compare like with like.
  const instant = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);
  const conditions: [string, string, unknown][] = [
    ['user_id = @userId', 'userId', filter.userId],
    ['action = @action', 'action', filter.action],
    ['record_id = @recordId', 'recordId', filter.recordId],
    ['at >= @from', 'from', instant(filter.from)],
    ['at < @to', 'to', instant(filter.to)],
    ['seq < @beforeSeq', 'beforeSeq', filter.beforeSeq],
  ];
  const used = conditions.filter(([, , value]) => value !== undefined && value !== '');
  const where = used.map(([sql]) => sql);
  const params = Object.fromEntries([
    ['limit', filter.limit],
    ...used.map(([, name, value]) => [name, value]),
  ]);
  const sql = `SELECT ${ROW_COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY seq DESC LIMIT @limit`;
  return (prepared(db, sql).all(params) as StoredRow[]).map(toRow);
}

/**
 * Digests of the fields an edit changed: the trail says which fields changed and proves
 * what they were, without copying health data into the log.
 */
export function changeDigests(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): { changedFields: string[]; before: string | null; after: string } {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].sort();
  const changed = before
    ? keys.filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null))
    : keys;
  const pick = (source: Record<string, unknown>) =>
    Object.fromEntries(changed.map((k) => [k, source[k] ?? null]));
  return {
    changedFields: changed,
    before: before ? sha256Hex(canonicalJson(pick(before))) : null,
    after: sha256Hex(canonicalJson(pick(after))),
  };
}
