import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam, formatIsoDate } from '../../../src-shared/domain/dates';
import { CONSENT_PURPOSES } from '../../../src-shared/reference/declaration-codes';
import type { DeclarationVersion } from '../../../src-shared/schemas/declaration';
import { codeLabel } from './codes';
import { REPRODUCTIVE_COUNTS, type DeclarationValues } from './form-values';

const RISK_FACTORS = ['smoking', 'alcohol', 'drugs', 'physicalActivity'] as const;

function Part({
  title,
  children,
  empty,
}: {
  title: string;
  children: ReactNode;
  empty: boolean;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="section decl-section decl-view__part">
      <h2 className="decl-view__title">{title}</h2>
      {empty ? <p className="muted">{t('declaration.none')}</p> : children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }): ReactElement {
  return (
    <dl className="decl-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }): ReactElement {
  return (
    <table className="table decl-view__table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, i) => (
          <tr key={i}>
            {cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One submitted declaration, read-only, with only what was filled in. */
export function DeclarationView({
  version,
  female,
}: {
  version: DeclarationVersion;
  female: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const d: DeclarationValues = version.declaration;
  const dash = (s: string): string => (s === '' ? '—' : s);

  const birth: [string, ReactNode][] = [];
  if (d.birth.delivery !== 'unknown')
    birth.push([t('declaration.birth.delivery'), codeLabel(t, 'delivery', d.birth.delivery)]);
  if (d.birth.preterm !== 'unknown')
    birth.push([t('declaration.birth.preterm'), codeLabel(t, 'triState', d.birth.preterm)]);
  if (d.birth.asphyxia !== 'unknown')
    birth.push([t('declaration.birth.asphyxia'), codeLabel(t, 'triState', d.birth.asphyxia)]);
  if (d.birth.birthWeightG !== null)
    birth.push([t('declaration.birth.weight'), d.birth.birthWeightG]);
  if (d.birth.birthLengthCm !== null)
    birth.push([t('declaration.birth.length'), d.birth.birthLengthCm]);
  if (d.birth.congenitalDefects)
    birth.push([t('declaration.birth.defects'), d.birth.congenitalDefects]);

  const rf = d.riskFactors;
  const environment: [string, ReactNode][] = [];
  if (rf.occupationalExposure)
    environment.push([
      t('declaration.risk.occupationalExposure'),
      rf.exposureYears !== null
        ? t('declaration.view.exposureFor', {
            text: rf.occupationalExposure,
            years: rf.exposureYears,
          })
        : rf.occupationalExposure,
    ]);
  if (rf.latrine !== '')
    environment.push([t('declaration.risk.latrine'), codeLabel(t, 'latrine', rf.latrine)]);

  const consent = d.consent;
  return (
    <div className="decl-view">
      <Part title={t('declaration.sections.birth')} empty={birth.length === 0}>
        <Facts items={birth} />
      </Part>

      <Part title={t('declaration.sections.riskFactors')} empty={false}>
        <Table
          head={[
            t('declaration.view.factor'),
            t('declaration.view.status'),
            t('declaration.view.amount'),
          ]}
          rows={RISK_FACTORS.map((f) => [
            t(`declaration.risk.${f}`),
            rf[f].quit ? t('declaration.risk.quit') : codeLabel(t, 'riskStatus', rf[f].status),
            rf[f].amount !== null ? `${rf[f].amount} ${t(`declaration.view.unit.${f}`)}` : '—',
          ])}
        />
        {environment.length > 0 ? <Facts items={environment} /> : null}
      </Part>

      <Part title={t('declaration.sections.disabilities')} empty={d.disabilities.length === 0}>
        <ul className="decl-view__list">
          {d.disabilities.map((x) => (
            <li key={x.code}>
              {codeLabel(t, 'disability', x.code)}
              {x.note ? <span className="muted"> — {x.note}</span> : null}
            </li>
          ))}
        </ul>
      </Part>

      <Part title={t('declaration.sections.allergies')} empty={d.allergies.length === 0}>
        <Table
          head={[
            t('declaration.allergies.kind'),
            t('declaration.allergies.agent'),
            t('declaration.allergies.description'),
          ]}
          rows={d.allergies.map((a) => [
            codeLabel(t, 'allergyKind', a.kind),
            a.agent,
            dash(a.description),
          ])}
        />
      </Part>

      <Part title={t('declaration.sections.diseases')} empty={d.diseases.length === 0}>
        <ul className="decl-view__list">
          {d.diseases.map((x, i) => (
            <li key={i}>
              {codeLabel(t, 'disease', x.code)}
              {x.note ? <span className="muted"> — {x.note}</span> : null}
            </li>
          ))}
        </ul>
      </Part>

      <Part title={t('declaration.sections.surgeries')} empty={d.surgeries.length === 0}>
        <Table
          head={[
            t('declaration.surgeries.description'),
            t('declaration.surgeries.year'),
            t('declaration.surgeries.note'),
          ]}
          rows={d.surgeries.map((s) => [s.description, s.year ?? '—', dash(s.note)])}
        />
      </Part>

      <Part title={t('declaration.sections.familyHistory')} empty={d.familyHistory.length === 0}>
        <Table
          head={[
            t('declaration.familyHistory.code'),
            t('declaration.familyHistory.relative'),
            t('declaration.familyHistory.note'),
          ]}
          rows={d.familyHistory.map((f) => [
            codeLabel(t, 'disease', f.code),
            codeLabel(t, 'relative', f.relative),
            dash(f.note),
          ])}
        />
      </Part>

      {female || d.reproductive !== null ? (
        <Part title={t('declaration.sections.reproductive')} empty={d.reproductive === null}>
          {d.reproductive ? <ReproductiveFacts r={d.reproductive} /> : null}
        </Part>
      ) : null}

      <Part title={t('declaration.sections.vaccinations')} empty={d.vaccinations.length === 0}>
        <Table
          head={[
            t('declaration.vaccinations.vaccine'),
            t('declaration.vaccinations.dose'),
            t('declaration.vaccinations.status'),
            t('declaration.vaccinations.date'),
            t('declaration.vaccinations.reaction'),
            t('declaration.vaccinations.nextAppointment'),
          ]}
          rows={d.vaccinations.map((v) => [
            v.vaccine === 'OTHER'
              ? `${codeLabel(t, 'vaccine', v.vaccine)}: ${v.vaccineOther}`
              : codeLabel(t, 'vaccine', v.vaccine),
            v.dose ?? '—',
            codeLabel(t, 'vaccinationStatus', v.status),
            <span className="mono">{formatIsoDate(v.date) || '—'}</span>,
            dash(v.reaction),
            <span className="mono">{formatIsoDate(v.nextAppointment) || '—'}</span>,
          ])}
        />
      </Part>

      <Part title={t('declaration.sections.consent')} empty={false}>
        <ul className="decl-view__list decl-view__consent">
          {CONSENT_PURPOSES.map((p) => (
            <li key={p}>
              <span className={consent[p] ? 'badge badge--ok' : 'badge'}>
                {consent[p] ? t('declaration.view.agreed') : t('declaration.view.notAgreed')}
              </span>{' '}
              {t(`declaration.consent.purpose.${p}`)}
            </li>
          ))}
        </ul>
        <Facts
          items={[
            [
              t('declaration.consent.givenBy'),
              consent.givenBy === 'self'
                ? t('declaration.consent.self')
                : [
                    t('declaration.consent.representative'),
                    consent.representativeName,
                    consent.representativeRelationship,
                  ]
                    .filter(Boolean)
                    .join(' — '),
            ],
            [t('declaration.view.consentAt'), formatInstantInVietnam(version.submitted.at)],
            [t('declaration.view.recordedBy'), version.submitted.userName],
          ]}
        />
      </Part>
    </div>
  );
}

function ReproductiveFacts({
  r,
}: {
  r: NonNullable<DeclarationValues['reproductive']>;
}): ReactElement {
  const { t } = useTranslation();
  const items: [string, ReactNode][] = [];
  if (r.contraception) items.push([t('declaration.reproductive.contraception'), r.contraception]);
  for (const key of REPRODUCTIVE_COUNTS) {
    if (r[key] !== null) items.push([t(`declaration.reproductive.${key}`), r[key]]);
  }
  if (r.gynaecologicalConditions)
    items.push([
      t('declaration.reproductive.gynaecologicalConditions'),
      r.gynaecologicalConditions,
    ]);
  return items.length === 0 ? (
    <p className="muted">{t('declaration.view.recordedEmpty')}</p>
  ) : (
    <Facts items={items} />
  );
}
