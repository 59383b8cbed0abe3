import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../src-shared/domain/dates';
import type { AuditIntegrity } from '../../src-shared/schemas/station';

/**
 * The audit trail's hash chain is broken: rows were edited, deleted or cut off. Shown to
 * everyone, on every screen, and never dismissed: someone must tell the supervisor.
 */
export function AuditIntegrityBanner({
  integrity,
}: {
  integrity: AuditIntegrity;
}): ReactElement | null {
  const { t } = useTranslation();
  if (integrity.ok) return null;
  const problem = t(`common.auditIntegrity.problems.${integrity.problem ?? 'unknown'}`);
  return (
    <div className="integrity-banner" role="alert">
      <strong>{t('common.auditIntegrity.title')}</strong>
      <span>
        {integrity.atSeq !== null
          ? t('common.auditIntegrity.detail', { problem, seq: integrity.atSeq })
          : t('common.auditIntegrity.detailNoRow', { problem })}{' '}
        {t('common.auditIntegrity.checked', { at: formatInstantInVietnam(integrity.checkedAt) })}
      </span>
    </div>
  );
}
