import { isValidIsoDate } from '../../../src-shared/domain/dates';
import type { ChannelInput } from '../../../src-shared/ipc/contract';

/** What the filter form holds: dates as ISO `yyyy-mm-dd` (or the raw text while not a date). */
export interface AuditFilterForm {
  userId: string;
  action: string;
  recordId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: AuditFilterForm = {
  userId: '',
  action: '',
  recordId: '',
  from: '',
  to: '',
};

export type AuditExportFilter = ChannelInput<'audit.export'>;

/** Midnight at the start of a Vietnamese calendar day (UTC+7, no daylight saving), as UTC ISO. */
export function vietnamMidnight(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+07:00`).toISOString();
}

/** The calendar day after `isoDate`. */
export function nextIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export type FilterProblems = Partial<Record<'from' | 'to', string>>;

/** Field problems as message keys (`validation.*` or `admin.*`); empty when the filter is usable. */
export function filterProblems(form: AuditFilterForm): FilterProblems {
  const problems: FilterProblems = {};
  if (form.from !== '' && !isValidIsoDate(form.from)) problems.from = 'validation.date';
  if (form.to !== '' && !isValidIsoDate(form.to)) problems.to = 'validation.date';
  if (!problems.from && !problems.to && form.from !== '' && form.to !== '' && form.from > form.to)
    problems.to = 'admin.audit.filters.fromAfterTo';
  return problems;
}

/**
 * The query for the main side: the trail stores UTC instants, the dates are Vietnamese days,
 * `from` inclusive from its midnight, `to` inclusive up to the next day's midnight (exclusive).
 */
export function toQuery(form: AuditFilterForm): AuditExportFilter {
  const query: AuditExportFilter = {};
  if (form.userId) query.userId = form.userId;
  if (form.action) query.action = form.action;
  const recordId = form.recordId.trim();
  if (recordId) query.recordId = recordId;
  if (form.from) query.from = vietnamMidnight(form.from);
  if (form.to) query.to = vietnamMidnight(nextIsoDate(form.to));
  return query;
}
