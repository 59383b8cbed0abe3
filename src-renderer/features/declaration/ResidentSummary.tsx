import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ageInYears, formatIsoDate, todayInVietnam } from '../../../src-shared/domain/dates';
import { describeCommune } from '../../../src-shared/reference/admin-units';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { routePath } from '../../app/routes';

/** Completed months, for babies whose age in years is still 0. */
function ageInMonths(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

export function residentAge(birthDate: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? ageInYears(birthDate, todayInVietnam()) : null;
}

/**
 * QĐ 831 part 1 (administrative) as the registry holds it: shown, not edited here, so one
 * person's identity has one place of truth; the link leads to the registry form.
 */
export function ResidentSummary({ record }: { record: ResidentRecord }): ReactElement {
  const { t } = useTranslation();
  const r = record.resident;
  const age = residentAge(r.birthDate);
  const ageText =
    age === null
      ? ''
      : age >= 1
        ? t('declaration.resident.age', { years: age })
        : t('declaration.resident.ageMonths', {
            months: Math.max(0, ageInMonths(r.birthDate, todayInVietnam())),
          });
  const phone = r.phones[0]?.number ?? '';
  const address = [r.currentAddress.street, describeCommune(r.currentAddress.communeCode)]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="card decl-resident" aria-labelledby="decl-resident-title">
      <div className="decl-resident__head">
        <h2 id="decl-resident-title" className="decl-resident__title">
          {t('declaration.resident.title')}
        </h2>
        <span className="muted decl-resident__source">
          {t('declaration.resident.fromRegistry')}
        </span>
        <a
          className="button button--small"
          href={routePath({ name: 'residentEdit', id: record.id })}
        >
          {t('declaration.resident.edit')}
        </a>
      </div>
      <dl className="decl-facts">
        <div>
          <dt>{t('declaration.resident.name')}</dt>
          <dd className="decl-facts__name">{r.fullName}</dd>
        </div>
        <div>
          <dt>{t('declaration.resident.sex')}</dt>
          <dd>{t(`declaration.resident.sexes.${r.sex}`)}</dd>
        </div>
        <div>
          <dt>{t('declaration.resident.birthDate')}</dt>
          <dd>
            <span className="mono">{formatIsoDate(r.birthDate)}</span>{' '}
            {ageText ? <span className="muted">({ageText})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('declaration.resident.personalId')}</dt>
          <dd className={r.personalId ? 'mono' : undefined}>
            {r.personalId ||
              (record.temporaryId
                ? t('declaration.resident.temporaryId', { code: record.temporaryId })
                : t('declaration.none'))}
          </dd>
        </div>
        <div>
          <dt>{t('declaration.resident.bhyt')}</dt>
          <dd className={r.bhyt ? 'mono' : undefined}>{r.bhyt || t('declaration.none')}</dd>
        </div>
        <div>
          <dt>{t('declaration.resident.phone')}</dt>
          <dd className={phone ? 'mono' : undefined}>{phone || t('declaration.none')}</dd>
        </div>
        <div className="decl-facts__wide">
          <dt>{t('declaration.resident.address')}</dt>
          <dd>{address || t('declaration.none')}</dd>
        </div>
      </dl>
    </section>
  );
}
