import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { routePath } from '../../app/routes';

/** Registry › the resident, above a declaration's title. */
export function DeclarationCrumbs({
  residentId,
  fullName,
}: {
  residentId: string;
  fullName: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <p className="decl-crumbs">
      <a href={routePath({ name: 'registry' })}>{t('declaration.crumbs.registry')}</a>
      <span aria-hidden="true"> › </span>
      <a href={routePath({ name: 'resident', id: residentId })}>{fullName}</a>
    </p>
  );
}
