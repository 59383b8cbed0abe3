import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../src-shared/domain/roles';
import { routePath } from './routes';

/**
 * A screen her role may not open (typed into the address, an old link): said plainly, never
 * the screen itself. The main side refuses its calls anyway.
 */
export function NotAllowedPage({ role }: { role: Role }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="card not-allowed" role="alert" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">{t('common.notAllowed.title')}</h1>
        <p>{t('common.notAllowed.body', { role: t(`common.roles.${role}`) })}</p>
        <p className="muted">{t('common.notAllowed.hint')}</p>
        <a className="button" href={routePath({ name: 'registry' })}>
          {t('common.notAllowed.back')}
        </a>
      </div>
    </div>
  );
}
