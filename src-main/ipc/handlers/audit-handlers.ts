import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import { queryAudit, verifyAuditChain } from '../../audit/audit-log';
import { nowIso } from '../context';
import type { HandlerMap } from './types';

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A leading =, +, -, @,
 * tab or CR is neutralised with an apostrophe so a spreadsheet never runs it as a formula
 * (OWASP, "CSV Injection").
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const EXPORT_LIMIT = 1_000_000;

export const auditHandlers: HandlerMap<'audit.query' | 'audit.verify' | 'audit.export'> = {
  'audit.query': (filter, ctx) => queryAudit(ctx.db, filter),

  'audit.verify': (_input, ctx) => {
    const result = { ...verifyAuditChain(ctx.db), checkedAt: nowIso(ctx) };
    ctx.auditIntegrity.current = result;
    ctx.db.transaction(() =>
      ctx.audit({
        action: 'audit.verify',
        outcome: result.ok ? 'ok' : 'failed',
        details: { checked: result.checked, problem: result.problem, atSeq: result.atSeq },
      }),
    )();
    return result;
  },

  /** The filtered trail as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese). */
  'audit.export': (filter, ctx) => {
    const rows = queryAudit(ctx.db, { ...filter, limit: EXPORT_LIMIT }).reverse();
    const header = [
      'seq',
      'time_utc',
      'time_vietnam',
      'user',
      'action',
      'record_type',
      'record_id',
      'outcome',
      'details',
      'hash',
    ];
    const lines = rows.map((r) =>
      [
        String(r.seq),
        r.at,
        formatInstantInVietnam(r.at),
        r.userName,
        r.action,
        r.recordType ?? '',
        r.recordId ?? '',
        r.outcome,
        JSON.stringify(r.details),
        r.hash,
      ]
        .map(csvField)
        .join(','),
    );
    ctx.db.transaction(() =>
      ctx.audit({ action: 'audit.export', details: { rows: rows.length, filter } }),
    )();
    const stamp = nowIso(ctx).replace(/[:.]/g, '-');
    return {
      fileName: `audit-${stamp}.csv`,
      csv: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`,
      rows: rows.length,
    };
  },
};
