import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../src-shared/ipc/errors';

/** A screen whose data is still on its way. */
export function LoadingPage({ text }: { text: string }): ReactElement {
  return (
    <div className="page">
      <p className="muted" role="status">
        {text}
      </p>
    </div>
  );
}

/** A screen whose data could not be loaded: the reason, then the ways on (`children`). */
export function FailedPage({
  code,
  children,
}: {
  code: ErrorCode;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="page">
      <p className="banner banner--error" role="alert">
        {t(`errors.${code}`)}
      </p>
      {children}
    </div>
  );
}
