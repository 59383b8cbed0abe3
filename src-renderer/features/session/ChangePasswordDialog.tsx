import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../src-shared/schemas/station';
import { Dialog } from '../../components/Dialog';
import { ChangePasswordForm } from './ChangePasswordForm';

interface ChangePasswordDialogProps {
  onChanged: (session: Session) => void;
  onClose: () => void;
}

/** Anyone may change her own password at any time, from the top bar. */
export function ChangePasswordDialog({
  onChanged,
  onClose,
}: ChangePasswordDialogProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog title={t('common.password.title')} onClose={onClose} actions={null}>
      <div className="password-dialog">
        <p className="muted">{t('common.password.intro')}</p>
        <ChangePasswordForm
          onChanged={onChanged}
          secondary={
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          }
        />
      </div>
    </Dialog>
  );
}
