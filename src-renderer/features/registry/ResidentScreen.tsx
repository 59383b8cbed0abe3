import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ageInYears,
  formatInstantInVietnam,
  todayInVietnam,
} from '../../../src-shared/domain/dates';
import { describeCommune } from '../../../src-shared/reference/admin-units';
import type { ResidentMerges } from '../../../src-shared/schemas/duplicates';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { mayOpen } from '../../app/access';
import { navigate, routePath } from '../../app/routes';
import { useSession } from '../../app/session';
import { ElderlyHistoryCard } from '../elderly/ElderlyHistoryCard';
import { DeclarationHistory } from './components/DeclarationHistory';
import { RecordPending } from './components/RecordPending';
import { useResidentRecord } from './hooks/use-resident-record';
import { useWindowKeydown } from './hooks/use-window-keydown';
import { ethnicityName, useBirthText, useNationalityName } from './resident-display';
import './registry.css';

function Facts({ rows }: { rows: [label: string, value: ReactNode][] }): ReactElement {
  const { t } = useTranslation();
  return (
    <dl className="registry-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="registry-facts__row">
          <dt>{label}</dt>
          <dd>
            {value === '' || value === null ? (
              <span className="muted">{t('registry.view.empty')}</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A retired record says where the person's record continues; a survivor lists what it absorbed. */
function MergeBanners({ merges }: { merges: ResidentMerges }): ReactElement | null {
  const { t } = useTranslation();
  const into = merges.mergedInto;
  return (
    <>
      {into ? (
        <div className="banner banner--warning" role="status">
          {t('registry.merge.retired', {
            name: into.userName,
            at: formatInstantInVietnam(into.at),
            reason: into.reason,
          })}{' '}
          <a href={routePath({ name: 'resident', id: into.residentId })}>
            {t('registry.merge.openSurvivor', { name: into.fullName })}
          </a>
        </div>
      ) : null}
      {merges.mergedFrom.map((from) => (
        <p key={from.residentId} className="banner banner--info">
          {t('registry.merge.absorbed', {
            name: from.userName,
            at: formatInstantInVietnam(from.at),
            reason: from.reason,
          })}{' '}
          <a href={routePath({ name: 'resident', id: from.residentId })}>
            {t('registry.merge.openRetired')}
          </a>
        </p>
      ))}
    </>
  );
}

function address(communeCode: string, street: string): string {
  return [street, communeCode ? describeCommune(communeCode) : ''].filter(Boolean).join(', ');
}

/** One resident: the administrative record, its history, and the way to the health declaration. */
export function ResidentScreen({ residentId }: { residentId: string }): ReactElement {
  const { t } = useTranslation();
  const { state, reload } = useResidentRecord(residentId);
  const declarationButton = useRef<HTMLButtonElement>(null);
  const { session } = useSession();
  const ready = state.status === 'ready' && state.merges.mergedInto === null;
  // The elderly screening is for people aged 60+ (Law on the Elderly 2009), by station staff.
  const elderly =
    state.status === 'ready' &&
    ageInYears(state.record.resident.birthDate, todayInVietnam()) >= 60 &&
    mayOpen('elderlyScreening', session.user.role);
  const mayScreen = ready && elderly;

  useEffect(() => {
    if (ready) declarationButton.current?.focus();
  }, [ready]);

  useWindowKeydown((event) => {
    if (event.defaultPrevented) return;
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyD' && ready) {
      event.preventDefault();
      navigate({ name: 'declaration', residentId });
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyE' && ready) {
      event.preventDefault();
      navigate({ name: 'residentEdit', id: residentId });
    } else if (
      event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      event.code === 'KeyK' &&
      mayScreen
    ) {
      event.preventDefault();
      navigate({ name: 'elderlyScreening', residentId, screeningId: null });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      navigate({ name: 'registry' });
    }
  });

  if (state.status !== 'ready') return <RecordPending state={state} onRetry={reload} />;

  const { record, declarationVersion, merges } = state;
  return (
    <div className="page resident-view">
      <div className="page__head">
        <div>
          <h1>{record.resident.fullName}</h1>
          <ResidentSubtitle record={record} />
        </div>
        <div className="row resident-view__actions">
          {merges.mergedInto ? null : (
            <>
              <button
                ref={declarationButton}
                type="button"
                className="button button--primary"
                onClick={() => navigate({ name: 'declaration', residentId })}
              >
                {t('registry.view.declare')}
              </button>
              <kbd>Alt+D</kbd>
              <button
                type="button"
                className="button"
                onClick={() => navigate({ name: 'residentEdit', id: residentId })}
              >
                {t('registry.view.edit')}
              </button>
              <kbd>Alt+E</kbd>
              {mayScreen ? (
                <>
                  <button
                    type="button"
                    className="button"
                    aria-keyshortcuts="Alt+K"
                    onClick={() =>
                      navigate({ name: 'elderlyScreening', residentId, screeningId: null })
                    }
                  >
                    {t('elderly.open')}
                  </button>
                  <kbd>Alt+K</kbd>
                </>
              ) : null}
            </>
          )}
          <button
            type="button"
            className="button"
            onClick={() => navigate({ name: 'subjectRights', residentId })}
          >
            {t('subject.open')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => navigate({ name: 'registry' })}
          >
            {t('registry.actions.backToRegistry')}
          </button>
          <kbd>Esc</kbd>
        </div>
      </div>

      <MergeBanners merges={merges} />

      {record.duplicateReview ? (
        <p className="banner banner--info">
          {t('registry.view.duplicateReview', {
            count: record.duplicateReview.candidateIds.length,
            name: record.duplicateReview.userName,
            at: formatInstantInVietnam(record.duplicateReview.at),
          })}
        </p>
      ) : null}

      <div className="resident-view__layout">
        <div className="resident-view__main">
          <ResidentDetails record={record} />
        </div>
        <aside className="resident-view__side">
          <section className="card">
            <h2>{t('registry.view.declarationTitle')}</h2>
            <p className="muted">
              {declarationVersion > 0
                ? t('registry.view.declarationCurrent', { version: declarationVersion })
                : t('registry.view.declarationNone')}
            </p>
          </section>
          <DeclarationHistory residentId={residentId} />
          {elderly ? <ElderlyHistoryCard residentId={residentId} /> : null}
        </aside>
      </div>

      <p className="muted resident-view__audit">
        {t('registry.view.created', {
          at: formatInstantInVietnam(record.created.at),
          name: record.created.userName,
        })}{' '}
        ·{' '}
        {t('registry.view.updated', {
          at: formatInstantInVietnam(record.updated.at),
          name: record.updated.userName,
        })}{' '}
        · {t('registry.view.recordVersion', { version: record.version })}
      </p>
    </div>
  );
}

function ResidentSubtitle({ record }: { record: ResidentRecord }): ReactElement {
  const { t } = useTranslation();
  const birthText = useBirthText();
  const r = record.resident;
  return (
    <p className="muted registry-subtitle">
      {t(`common.sex.${r.sex}`)} · <span className="mono">{birthText(r.birthDate)}</span>
      {r.personalId ? (
        <>
          {' '}
          · <span className="mono">{r.personalId}</span>
        </>
      ) : null}
      {record.temporaryId ? (
        <>
          {' '}
          <span className="badge badge--warn">{t('registry.view.temporaryBadge')}</span>
        </>
      ) : null}
    </p>
  );
}

function ResidentDetails({ record }: { record: ResidentRecord }): ReactElement {
  const { t } = useTranslation();
  const birthText = useBirthText();
  const nationalityName = useNationalityName();
  const r = record.resident;
  const mono = (value: string): ReactNode => (value ? <span className="mono">{value}</span> : '');
  return (
    <>
      <div className="grid grid--2">
        <section className="card">
          <h2>{t('registry.form.sections.identity')}</h2>
          <Facts
            rows={[
              [t('registry.fields.fullName'), r.fullName],
              [t('registry.fields.sex'), t(`common.sex.${r.sex}`)],
              [t('registry.fields.birthDate'), mono(birthText(r.birthDate))],
              [t('registry.fields.ethnicity'), ethnicityName(r.ethnicity)],
              [t('registry.fields.nationality'), nationalityName(r.nationality)],
              [t('registry.fields.religion'), r.religion],
              [t('registry.fields.occupation'), r.occupation],
            ]}
          />
        </section>
        <section className="card">
          <h2>{t('registry.form.sections.identifiers')}</h2>
          <Facts
            rows={[
              [t('registry.fields.personalId'), mono(r.personalId)],
              ...(record.temporaryId
                ? [
                    [t('registry.view.temporaryId'), mono(record.temporaryId)] as [
                      string,
                      ReactNode,
                    ],
                  ]
                : []),
              [t('registry.fields.cmnd'), mono(r.cmnd)],
              [t('registry.fields.bhyt'), mono(r.bhyt)],
            ]}
          />
          {record.identifierHistory.length > 0 ? (
            <>
              <h3 className="registry-subhead">{t('registry.view.formerIdentifiers')}</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('registry.view.identifierKind')}</th>
                    <th scope="col">{t('registry.view.identifierValue')}</th>
                    <th scope="col">{t('registry.view.replacedAt')}</th>
                    <th scope="col">{t('registry.view.replacedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.identifierHistory.map((h) => (
                    <tr key={`${h.kind}-${h.value}-${h.replacedAt}`}>
                      <td>{t(`registry.identifierKind.${h.kind}`)}</td>
                      <td className="mono">{h.value}</td>
                      <td className="mono">{formatInstantInVietnam(h.replacedAt)}</td>
                      <td>{h.replacedBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
        <section className="card">
          <h2>{t('registry.view.contactAndAddress')}</h2>
          <Facts
            rows={[
              [
                t('registry.view.phones'),
                r.phones.length > 0 ? (
                  <span className="mono">{r.phones.map((p) => p.number).join(' · ')}</span>
                ) : (
                  ''
                ),
              ],
              [
                t('registry.form.sections.currentAddress'),
                address(r.currentAddress.communeCode, r.currentAddress.street),
              ],
              [
                t('registry.form.sections.permanentAddress'),
                r.permanentSameAsCurrent
                  ? t('registry.view.sameAsCurrent')
                  : address(r.permanentAddress.communeCode, r.permanentAddress.street),
              ],
            ]}
          />
        </section>
        <section className="card">
          <h2>{t('registry.form.sections.relations')}</h2>
          {r.relations.length === 0 ? (
            <p className="muted">{t('registry.view.noRelations')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('registry.fields.relationName')}</th>
                  <th scope="col">{t('registry.fields.relationship')}</th>
                  <th scope="col">{t('registry.fields.relationPhone')}</th>
                  <th scope="col">{t('registry.view.guardian')}</th>
                </tr>
              </thead>
              <tbody>
                {r.relations.map((rel, index) => (
                  <tr key={`${index}-${rel.fullName}`}>
                    <td>
                      {rel.residentId ? (
                        <a href={routePath({ name: 'resident', id: rel.residentId })}>
                          {rel.fullName}
                        </a>
                      ) : (
                        rel.fullName
                      )}
                    </td>
                    <td>{t(`registry.relationship.${rel.relationship}`)}</td>
                    <td className="mono">{rel.phone}</td>
                    <td>
                      {rel.isGuardian ? (
                        <span className="badge badge--ok">{t('registry.view.guardian')}</span>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
