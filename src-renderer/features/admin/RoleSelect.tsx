import type { ReactElement, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../src-shared/domain/roles';

/** The four roles of a station, in the user's language. */
export function RoleSelect(props: SelectHTMLAttributes<HTMLSelectElement>): ReactElement {
  const { t } = useTranslation();
  return (
    <select className="input" {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`common.roles.${role}`)}
        </option>
      ))}
    </select>
  );
}
