import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../../src-shared/schemas/resident';
import { Dialog } from '../../../components/Dialog';
import { communeName, useBirthText } from '../resident-display';

interface DuplicateDialogProps {
  candidates: readonly DuplicateCandidate[];
  editing: boolean;
  saving: boolean;
  onOpen: (id: string) => void;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * Same folded name and date of birth already registered. She looks at each one before saying
 * "someone else"; opening the existing record is the first (focused) choice.
 */
export function DuplicateDialog({
  candidates,
  editing,
  saving,
  onOpen,
  onConfirm,
  onClose,
}: DuplicateDialogProps): ReactElement {
  const { t } = useTranslation();
  const birthText = useBirthText();
  return (
    <Dialog
      title={t('registry.duplicates.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('registry.duplicates.back')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={saving}
            onClick={onConfirm}
          >
            {editing ? t('registry.duplicates.confirmEdit') : t('registry.duplicates.confirm')}
          </button>
        </>
      }
    >
      <p>{t('registry.duplicates.intro', { count: candidates.length })}</p>
      <ul className="registry-candidates">
        {candidates.map((c) => (
          <li key={c.id} className="registry-candidate">
            <div className="registry-candidate__facts">
              <div className="registry-candidate__name">
                {c.fullName} <span className="muted">· {t(`common.sex.${c.sex}`)}</span>
                {c.sameCommune ? (
                  <span className="badge badge--warn">{t('registry.duplicates.sameCommune')}</span>
                ) : null}
                {c.samePhone ? (
                  <span className="badge badge--warn">{t('registry.duplicates.samePhone')}</span>
                ) : null}
              </div>
              <div className="registry-candidate__line">
                <span>
                  {t('registry.fields.birthDate')}:{' '}
                  <span className="mono">{birthText(c.birthDate)}</span>
                </span>
                <span>
                  {t('registry.view.identifier')}:{' '}
                  <span className="mono">
                    {c.personalId || c.temporaryId || t('registry.noIdentifier')}
                  </span>
                </span>
                {c.phone ? (
                  <span>
                    {t('registry.columns.phone')}: <span className="mono">{c.phone}</span>
                  </span>
                ) : null}
                <span>{[communeName(c.communeCode), c.street].filter(Boolean).join(' · ')}</span>
              </div>
            </div>
            <button type="button" className="button button--small" onClick={() => onOpen(c.id)}>
              {t('registry.duplicates.open')}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
