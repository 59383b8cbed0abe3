import type { Statement } from './driver';
import type { Db } from './connection';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * Prepared statements, made once per connection: the driver keeps no statement cache,
 * and preparing costs more than running most of these queries.
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
