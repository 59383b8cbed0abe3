import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface FormDialogProps {
  title: ReactNode;
  onClose: () => void;
  /** The id of the <form> inside, which the submit button submits. */
  formId: string;
  submitting: boolean;
  submitLabel: ReactNode;
  /** A destructive action (a withdrawal, a replacement) gets the danger style. */
  danger?: boolean;
  children: ReactNode;
}

/** A dialog holding one form: Cancel, and a submit button that says when it is saving. */
export function FormDialog({
  title,
  onClose,
  formId,
  submitting,
  submitLabel,
  danger,
  children,
}: FormDialogProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className={`button ${danger ? 'button--danger' : 'button--primary'}`}
            disabled={submitting}
          >
            {submitting ? t('common.saving') : submitLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
