import { formatInstantInVietnam, isoDateInVietnam } from '../../../src-shared/domain/dates';
import type { Account } from '../../../src-shared/schemas/station';

export type AccountStatus =
  | { kind: 'active' }
  | { kind: 'disabled' }
  | { kind: 'mustChangePassword' }
  | { kind: 'lockedUntil'; time: string };

/**
 * What an administrator needs to know about an account at `now` (ms): disabled, locked after
 * wrong passwords (until when, Vietnam time: HH:mm today, with the date otherwise), waiting for
 * its owner to replace a temporary password; active when none of these.
 */
export function accountStatuses(account: Account, now: number): AccountStatus[] {
  const statuses: AccountStatus[] = [];
  if (account.disabled) statuses.push({ kind: 'disabled' });
  if (account.lockedUntil) {
    const until = new Date(account.lockedUntil);
    if (until.getTime() > now) {
      const full = formatInstantInVietnam(account.lockedUntil);
      const sameDay = isoDateInVietnam(until) === isoDateInVietnam(new Date(now));
      statuses.push({ kind: 'lockedUntil', time: sameDay ? full.slice(11) : full });
    }
  }
  if (account.mustChangePassword) statuses.push({ kind: 'mustChangePassword' });
  return statuses.length > 0 ? statuses : [{ kind: 'active' }];
}
