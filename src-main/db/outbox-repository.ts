import type { Db } from './connection';
import { prepared } from './statements';

export type OutboxEntity = 'resident' | 'declaration' | 'elderly_screening' | 'school_screening';

/** Call inside the transaction of the change it announces. */
export function appendOutbox(
  db: Db,
  entry: {
    entityType: OutboxEntity;
    entityId: string;
    entityVersion: number;
    operation: 'create' | 'update';
    at: string;
  },
): void {
  prepared(
    db,
    `INSERT INTO outbox (entity_type, entity_id, entity_version, operation, created_at)
     VALUES (@entityType, @entityId, @entityVersion, @operation, @at)`,
  ).run(entry);
}

export function pendingOutboxByKind(db: Db): Record<string, number> {
  const rows = prepared(
    db,
    `SELECT entity_type AS kind, count(*) AS n FROM outbox WHERE acknowledged_at IS NULL GROUP BY entity_type`,
  ).all() as { kind: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
