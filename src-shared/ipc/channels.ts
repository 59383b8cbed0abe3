/**
 * Every IPC channel, `domain.verb`. Kept apart from the contract (which needs zod) so the
 * sandboxed preload can allow-list channels without bundling schemas.
 */
export const CHANNELS = [
  'app.info',
  'setup.status',
  'setup.initialize',
  'auth.session',
  'auth.signIn',
  'auth.signOut',
  'auth.changePassword',
  'auth.lock',
  'auth.unlock',
  'auth.keepAlive',
  'account.list',
  'account.create',
  'account.update',
  'account.resetPassword',
  'settings.get',
  'settings.update',
  'audit.query',
  'audit.verify',
  'audit.export',
  'resident.search',
  'resident.get',
  'resident.create',
  'resident.update',
  'resident.merge',
  'duplicate.list',
  'duplicate.dismiss',
  'declaration.current',
  'declaration.saveDraft',
  'declaration.discardDraft',
  'declaration.submit',
  'declaration.history',
  'declaration.getVersion',
  'outbox.summary',
  'subject.requests',
  'subject.recordRequest',
  'subject.withdrawConsent',
  'subject.exportRecord',
  'backup.create',
  'backup.inspect',
  'backup.restore',
  // Elderly screening (src-shared/ipc/contract-elderly.ts)
  'elderly.list',
  'elderly.get',
  'elderly.save',
  'elderly.due',
  'elderly.followUp',
  'elderly.exportList',
  // School screening (src-shared/ipc/contract-school.ts)
  'school.list',
  'school.save',
  'class.list',
  'class.save',
  'class.get',
  'roster.preview',
  'roster.import',
  'enrolment.setConsent',
  'pupil.saveScreening',
  'class.summary',
  'class.referrals',
  'class.exportLetters',
  // Sync to the city record store (src-shared/ipc/contract-sync.ts)
  'sync.status',
  'sync.setUpSupervisorKey',
  'sync.enrollment',
  'sync.importCityKey',
  'sync.configure',
  'sync.startExport',
  'sync.exportProgress',
  'sync.cancelExport',
  'sync.bundleFile',
  'sync.upload',
  'sync.importReceipt',
  'sync.bundles',
  'sync.rejected',
] as const;

export type Channel = (typeof CHANNELS)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && channelSet.has(name);
}
