import type { Db } from '../src-main/db/connection';
import type { HandlerContext } from '../src-main/ipc/context';
import { handlers } from '../src-main/ipc/handlers';
import type { Handler } from '../src-main/ipc/handlers/types';
import type { Channel } from '../src-shared/ipc/channels';
import { contract } from '../src-shared/ipc/contract';
import { AppFailure } from '../src-shared/ipc/errors';
import { elapsedMs, Samples } from './stats';

export interface CapturedStatement {
  sql: string;
  args: unknown[];
  prepareMs: number;
}

/**
 * Records every statement the product prepares (and the arguments of its first execution)
 * while `fn` runs, by wrapping `db.prepare` on this connection only. Used for EXPLAIN QUERY
 * PLAN of the repository's real SQL and to count prepares per call; never during timing.
 */
export async function captureStatements(
  db: Db,
  fn: () => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const captured: CapturedStatement[] = [];
  const original = db.prepare;
  const wrapped = function (this: Db, sql: string) {
    const start = process.hrtime.bigint();
    const statement = original.call(db, sql);
    const entry: CapturedStatement = { sql, args: [], prepareMs: elapsedMs(start) };
    captured.push(entry);
    let recorded = false;
    return new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate') {
          return (...args: unknown[]) => {
            if (!recorded) {
              entry.args = args;
              recorded = true;
            }
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  } as typeof db.prepare;
  db.prepare = wrapped;
  try {
    await fn();
  } finally {
    Reflect.deleteProperty(db, 'prepare');
    if (db.prepare !== original) db.prepare = original;
  }
  return captured;
}

export const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

export interface PlanReport {
  sql: string;
  plan: string[];
  /** Full scans or temporary sort B-trees: the usual causes of a slow query. */
  suspicious: string[];
}

export function explain(db: Db, statement: CapturedStatement): PlanReport | null {
  if (/^\s*(INSERT|CREATE|PRAGMA|BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(statement.sql)) return null;
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.args) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>();
  const plan = rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
  const suspicious = rows
    .map((r) => r.detail)
    .filter((d) => /^SCAN /.test(d) || /TEMP B-TREE/.test(d));
  return { sql: squash(statement.sql), plan, suspicious };
}

export interface StageTimes {
  inputParse: Samples;
  handler: Samples;
  outputParse: Samples;
  total: Samples;
  /** Calls the handler refused with an AppFailure (e.g. DUPLICATE_CANDIDATES). */
  refused: Map<string, number>;
}

/**
 * The dispatch pipeline taken apart: contract input parse → handler → contract output parse,
 * each timed on its own, so the cost of zod can be told from the cost of SQLite.
 */
export async function stageBreakdown(
  ctx: HandlerContext,
  channel: Channel,
  inputs: readonly unknown[],
): Promise<StageTimes> {
  const spec = contract[channel];
  const handler = handlers[channel] as Handler<typeof channel>;
  const times: StageTimes = {
    inputParse: new Samples(),
    handler: new Samples(),
    outputParse: new Samples(),
    total: new Samples(),
    refused: new Map(),
  };
  for (const raw of inputs) {
    const t0 = process.hrtime.bigint();
    const parsed = spec.input.safeParse(raw);
    const t1 = process.hrtime.bigint();
    if (!parsed.success)
      throw new Error(`${channel}: breakdown input invalid: ${parsed.error.message}`);
    let value: unknown;
    try {
      value = await handler(parsed.data as never, ctx);
    } catch (error) {
      if (error instanceof AppFailure) {
        times.refused.set(error.code, (times.refused.get(error.code) ?? 0) + 1);
        continue;
      }
      throw error;
    }
    const t2 = process.hrtime.bigint();
    const checked = spec.output.safeParse(value);
    const t3 = process.hrtime.bigint();
    if (!checked.success) throw new Error(`${channel}: output outside the contract`);
    times.inputParse.add(Number(t1 - t0) / 1e6);
    times.handler.add(Number(t2 - t1) / 1e6);
    times.outputParse.add(Number(t3 - t2) / 1e6);
    times.total.add(Number(t3 - t0) / 1e6);
  }
  return times;
}

/** Mean cost of one `db.prepare(sql)` call (better-sqlite3 does not cache statements). */
export function prepareCostMs(db: Db, sql: string, iterations = 2000): number {
  for (let i = 0; i < 100; i++) db.prepare(sql);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) db.prepare(sql);
  return elapsedMs(start) / iterations;
}

export function meanCostMs(fn: () => unknown, iterations = 2000): number {
  for (let i = 0; i < 100; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return elapsedMs(start) / iterations;
}
