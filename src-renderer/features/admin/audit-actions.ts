import { useTranslation } from 'react-i18next';

/** The actions the station writes to its trail (src-main), in the order the filter offers them. */
export const AUDIT_ACTIONS = [
  'auth.signIn',
  'auth.signInFailed',
  'auth.signOut',
  'auth.lock',
  'auth.idleLock',
  'auth.unlock',
  'auth.unlockFailed',
  'auth.passwordChanged',
  'auth.passwordChangeFailed',
  'access.denied',
  'resident.create',
  'resident.update',
  'resident.view',
  'resident.merge',
  'duplicate.dismiss',
  'declaration.submit',
  'declaration.view',
  'account.create',
  'account.update',
  'account.resetPassword',
  'settings.update',
  'setup.initialize',
  'audit.verify',
  'audit.export',
  'subject.request',
  'subject.withdrawConsent',
  'subject.consentRenewed',
  'subject.export',
  'storage.encrypted',
  'security.weakKeychainAccepted',
  'backup.create',
  'backup.restore',
  'elderly.save',
  'elderly.view',
  'elderly.export',
  'school.save',
  'class.save',
  'class.view',
  'roster.preview',
  'roster.import',
  'enrolment.setConsent',
  'pupil.saveScreening',
  'class.exportLetters',
  'sync.export',
  'sync.upload',
  'sync.importReceipt',
  'sync.setUpSupervisorKey',
  'sync.createStationKey',
  'sync.importCityKey',
  'sync.configure',
  'sync.retireSupervisorKey',
] as const;

/** An action's name in the user's language; an action this screen does not know, as stored. */
export function useActionLabel(): (action: string) => string {
  const { t, i18n } = useTranslation();
  return (action) => {
    const key = `admin.audit.actions.${action}`;
    return i18n.exists(key) ? t(key) : action;
  };
}

/** A record type's name in the user's language, or as stored. */
export function useRecordTypeLabel(): (recordType: string) => string {
  const { t, i18n } = useTranslation();
  return (recordType) => {
    const key = `admin.audit.recordType.${recordType}`;
    return i18n.exists(key) ? t(key) : recordType;
  };
}
