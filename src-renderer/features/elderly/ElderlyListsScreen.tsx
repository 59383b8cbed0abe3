import { useCallback, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_REASON_LABELS } from '../../../src-shared/clinical/referral';
import { ageInYears, formatIsoDate, todayInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import { describeCommune } from '../../../src-shared/reference/admin-units';
import type { ResidentSummary } from '../../../src-shared/schemas/resident';
import { call } from '../../api/client';
import { routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { downloadBase64 } from '../admin/download';
import { useLoaded } from '../declaration/use-loaded';
import { useLocalised } from './localised';
import './elderly.css';

type List = 'due' | 'followUp';
const ORDERS = ['lastScreened', 'name', 'birthDate', 'address'] as const;
type Order = (typeof ORDERS)[number];

function address(r: ResidentSummary): string {
  return [r.street, r.communeCode ? describeCommune(r.communeCode) : ''].filter(Boolean).join(', ');
}

/** A column head that sorts the list by its key (the main side sorts; the print follows). */
function SortHead({
  order,
  current,
  onSort,
  children,
}: {
  order: Order;
  current: Order;
  onSort: (order: Order) => void;
  children: string;
}): ReactElement {
  return (
    <th scope="col" aria-sort={order === current ? 'ascending' : undefined}>
      <button type="button" className="elderly-sort" onClick={() => onSort(order)}>
        {children}
        {order === current ? ' ▲' : ''}
      </button>
    </th>
  );
}

/**
 * The two lists of the elderly programme: who is due for the annual check (aged 60+, living
 * in the station's commune, no screening in 12 months) and who has an open finding (latest
 * screening positive or referred, not screened since). Sortable; printable as a PDF.
 */
export function ElderlyListsScreen({ list }: { list: List }): ReactElement {
  const { t } = useTranslation();
  const local = useLocalised();
  const [orderBy, setOrderBy] = useState<Order>('lastScreened');
  const [printing, setPrinting] = useState(false);
  const [printFailure, setPrintFailure] = useState<string | null>(null);
  const state = useLoaded(
    useCallback(
      () =>
        Promise.all([
          list === 'due' ? call('elderly.due', { orderBy }) : call('elderly.followUp', { orderBy }),
        ]),
      [list, orderBy],
    ),
  );

  const print = async (): Promise<void> => {
    setPrinting(true);
    setPrintFailure(null);
    const result = await call('elderly.exportList', { list, orderBy });
    setPrinting(false);
    if (result.ok)
      downloadBase64(result.value.fileName, result.value.base64, result.value.mimeType);
    else setPrintFailure(t(`errors.${result.error.code}`));
  };

  const head = (
    <div className="page__head">
      <div>
        <h1>{t(`elderly.lists.${list}.title`)}</h1>
        <p className="muted">{t(`elderly.lists.${list}.intro`)}</p>
      </div>
      <div className="row">
        <label className="elderly-order">
          {t('elderly.lists.orderBy')}{' '}
          <select
            className="input"
            value={orderBy}
            onChange={(e) => setOrderBy(e.target.value as Order)}
          >
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`elderly.lists.order.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={printing}
          onClick={() => void print()}
        >
          {t('elderly.lists.print')}
        </button>
      </div>
    </div>
  );
  const tabs = (
    <nav className="elderly-tabs" aria-label={t('elderly.lists.tabs')}>
      {(['due', 'followUp'] as const).map((l) => (
        <a
          key={l}
          href={routePath({ name: 'elderlyLists', list: l })}
          className={`navlink${l === list ? ' navlink--active' : ''}`}
          aria-current={l === list ? 'page' : undefined}
        >
          {t(`elderly.lists.${l}.tab`)}
        </a>
      ))}
    </nav>
  );

  if (state.kind === 'loading') return <LoadingPage text={t('elderly.lists.loading')} />;
  if (state.kind === 'failed') {
    return (
      <FailedPage code={state.code}>
        <a href={routePath({ name: 'registry' })}>{t('elderly.lists.backToRegistry')}</a>
      </FailedPage>
    );
  }
  const [value] = state.value;
  const sort = (o: Order): void => setOrderBy(o);

  return (
    <div className="page elderly-lists">
      {tabs}
      {head}
      {printFailure ? (
        <p className="banner banner--error" role="alert">
          {printFailure}
        </p>
      ) : null}
      {list === 'due' ? (
        <DueTable value={value as ChannelOutput<'elderly.due'>} orderBy={orderBy} onSort={sort} />
      ) : (
        <FollowUpTable
          rows={value as ChannelOutput<'elderly.followUp'>}
          orderBy={orderBy}
          onSort={sort}
          findingLabel={(code) => local(REFERRAL_REASON_LABELS[code])}
        />
      )}
    </div>
  );
}

function DueTable({
  value,
  orderBy,
  onSort,
}: {
  value: ChannelOutput<'elderly.due'>;
  orderBy: Order;
  onSort: (o: Order) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted" role="status">
        {t('elderly.lists.due.count', {
          count: value.rows.length,
          date: formatIsoDate(value.onDate),
        })}
      </p>
      {value.rows.length === 0 ? null : (
        <table className="table elderly-table" data-testid="elderly-due">
          <thead>
            <tr>
              <SortHead order="name" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.name')}
              </SortHead>
              <th scope="col">{t('elderly.lists.columns.sex')}</th>
              <SortHead order="birthDate" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.birthDate')}
              </SortHead>
              <th scope="col">{t('elderly.lists.columns.age')}</th>
              <SortHead order="address" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.address')}
              </SortHead>
              <th scope="col">{t('elderly.lists.columns.phone')}</th>
              <SortHead order="lastScreened" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.lastScreened')}
              </SortHead>
              <th scope="col">
                <span className="visually-hidden">{t('elderly.lists.columns.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.rows.map((row) => (
              <tr key={row.resident.id}>
                <td>
                  <a href={routePath({ name: 'resident', id: row.resident.id })}>
                    {row.resident.fullName}
                  </a>
                </td>
                <td>{t(`common.sex.${row.resident.sex}`)}</td>
                <td className="mono">{formatIsoDate(row.resident.birthDate)}</td>
                <td className="mono">{row.age}</td>
                <td>{address(row.resident)}</td>
                <td className="mono">{row.resident.phone}</td>
                <td className="mono">
                  {row.lastScreenedOn ? (
                    formatIsoDate(row.lastScreenedOn)
                  ) : (
                    <span className="badge badge--warn">{t('elderly.lists.never')}</span>
                  )}
                </td>
                <td>
                  <a
                    className="button button--small"
                    href={routePath({
                      name: 'elderlyScreening',
                      residentId: row.resident.id,
                      screeningId: null,
                    })}
                  >
                    {t('elderly.lists.screen')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function FollowUpTable({
  rows,
  orderBy,
  onSort,
  findingLabel,
}: {
  rows: ChannelOutput<'elderly.followUp'>;
  orderBy: Order;
  onSort: (o: Order) => void;
  findingLabel: (
    code: ChannelOutput<'elderly.followUp'>[number]['positiveFindings'][number],
  ) => string;
}): ReactElement {
  const { t } = useTranslation();
  const today = todayInVietnam();
  return (
    <>
      <p className="muted" role="status">
        {t('elderly.lists.followUp.count', { count: rows.length })}
      </p>
      {rows.length === 0 ? null : (
        <table className="table elderly-table" data-testid="elderly-follow-up">
          <thead>
            <tr>
              <SortHead order="name" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.name')}
              </SortHead>
              <SortHead order="birthDate" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.birthDate')}
              </SortHead>
              <SortHead order="address" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.address')}
              </SortHead>
              <th scope="col">{t('elderly.lists.columns.phone')}</th>
              <SortHead order="lastScreened" current={orderBy} onSort={onSort}>
                {t('elderly.lists.columns.screenedOn')}
              </SortHead>
              <th scope="col">{t('elderly.lists.columns.findings')}</th>
              <th scope="col">{t('elderly.lists.columns.referred')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.screeningId}>
                <td>
                  <a href={routePath({ name: 'resident', id: row.resident.id })}>
                    {row.resident.fullName}
                  </a>
                </td>
                <td className="mono">
                  {formatIsoDate(row.resident.birthDate)} (
                  {ageInYears(row.resident.birthDate, today)})
                </td>
                <td>{address(row.resident)}</td>
                <td className="mono">{row.resident.phone}</td>
                <td className="mono">
                  <a
                    href={routePath({
                      name: 'elderlyScreening',
                      residentId: row.resident.id,
                      screeningId: row.screeningId,
                    })}
                  >
                    {formatIsoDate(row.screenedOn)}
                  </a>
                </td>
                <td>{row.positiveFindings.map(findingLabel).join('; ')}</td>
                <td>
                  {row.referred ? (
                    <span className="badge badge--warn">{t('elderly.lists.referred')}</span>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
