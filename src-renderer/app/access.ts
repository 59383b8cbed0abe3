import type { Role } from '../../src-shared/domain/roles';
import type { Channel } from '../../src-shared/ipc/channels';
import { contract, mayCall } from '../../src-shared/ipc/contract';
import type { Route } from './routes';

/**
 * The channel each screen cannot work without. Who may open a screen is who may call that
 * channel, read from the IPC contract — the rule the main side enforces — so the renderer
 * keeps no second list of roles to drift from it.
 */
export const SCREEN_CHANNEL = {
  registry: 'resident.search',
  residentNew: 'resident.create',
  resident: 'resident.get',
  residentEdit: 'resident.update',
  declaration: 'declaration.current',
  declarationVersion: 'declaration.getVersion',
  subjectRights: 'subject.requests',
  accounts: 'account.list',
  settings: 'settings.update',
  audit: 'audit.query',
  duplicates: 'duplicate.list',
  elderlyScreening: 'elderly.save',
  elderlyLists: 'elderly.due',
  schools: 'school.list',
  schoolClass: 'class.get',
  rosterImport: 'roster.import',
  screeningDay: 'pupil.saveScreening',
  classSummary: 'class.summary',
  sync: 'sync.status',
} as const satisfies Record<Route['name'], Channel>;

export function mayOpen(screen: Route['name'], role: Role): boolean {
  return mayCall(contract[SCREEN_CHANNEL[screen]].access, role);
}
