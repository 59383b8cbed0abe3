import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, todayInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/ipc/contract';
import type { AppError, ErrorCode } from '../../../src-shared/ipc/errors';
import { splitMessageKey } from '../../../src-shared/schemas/messages';
import {
  consentCovers,
  schoolScreeningSaveSchema,
  type ScreeningRound,
} from '../../../src-shared/schemas/school';
import { assessPupil } from '../../../src-shared/school/pupil-assessment';
import { call } from '../../api/client';
import { SESSION_LOCKING_EVENT } from '../../app/events';
import { routePath } from '../../app/routes';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { ConsentDialog } from './ConsentDialog';
import { loadGridDrafts, storeGridDrafts, type RowDraft } from './grid-draft';
import {
  columnOfIssue,
  columnsFor,
  EMPTY_ROW,
  isBlankRow,
  localised,
  measurementsFromValues,
  valuesFromMeasurements,
  type ColumnKey,
  type GridColumn,
  type RowValues,
} from './school-display';
import './school.css';

type ClassData = ChannelOutput<'class.get'>;
type Pupil = ClassData['pupils'][number];
type Screening = NonNullable<Pupil['screening']>;

interface RowState {
  values: RowValues;
  absent: boolean;
  /** The stored version the row is typed on (0: nothing stored yet). */
  version: number;
  status: 'clean' | 'dirty' | 'saving' | 'saved' | 'failed';
  message: string | null;
  fieldErrors: Partial<Record<ColumnKey, string>>;
  /** After a CONFLICT: the version now stored, which "save over it" uses. */
  conflictVersion: number | null;
  screening: Screening | null;
}

function initialRow(pupil: Pupil, draft: RowDraft | undefined): RowState {
  const screening = pupil.screening;
  const stored: RowState = {
    values: screening ? valuesFromMeasurements(screening.measurements) : EMPTY_ROW,
    absent: screening?.status === 'absent',
    version: screening?.version ?? 0,
    status: screening ? 'saved' : 'clean',
    message: null,
    fieldErrors: {},
    conflictVersion: null,
    screening,
  };
  // A draft the main side already holds (saved as the page went away) is no draft any more.
  const alreadyStored =
    draft !== undefined &&
    screening !== null &&
    draft.absent === stored.absent &&
    JSON.stringify(draft.values) === JSON.stringify(stored.values);
  return draft && !alreadyStored ? { ...stored, ...draft, status: 'dirty' } : stored;
}

const SAGITTAL_OPTIONS = ['none', 'kyphosis', 'lordosis'] as const;
const SCOLIOSIS_OPTIONS = ['none', 'S', 'C'] as const;

function NutritionBadge({
  pupil,
  row,
  round,
}: {
  pupil: Pupil;
  row: RowState;
  round: ScreeningRound;
}): ReactElement | null {
  const { t, i18n } = useTranslation();
  const s = row.screening;
  if (!s || s.status !== 'measured' || row.status === 'dirty') return null;
  const assessment = assessPupil({
    sex: pupil.resident.sex,
    birthDate: pupil.resident.birthDate,
    measuredOn: s.screenedOn,
    measurements: s.measurements,
    round,
  });
  // An implausible figure is flagged for re-measurement and never classified.
  if (assessment.needsRemeasurement) {
    return <span className="badge badge--warn">{t('school.grid.remeasure')}</span>;
  }
  if (assessment.nutrition.length === 0) return null;
  const normal = assessment.nutrition.every((n) => n.code === 'normal');
  return (
    <span className={`badge ${normal ? 'badge--ok' : 'badge--warn'}`}>
      {assessment.nutrition.map((n) => localised(n.label, i18n.language)).join(', ')}
    </span>
  );
}

/**
 * The screening-day grid: one row per pupil, keyboard only. Tab moves across a row, Enter to
 * the same column of the next pupil (Shift+Enter: the previous one), Alt+V marks the pupil
 * absent. A row is saved when it is left; a row being typed is kept as a session draft.
 */
export function ScreeningDayScreen({
  classId,
  round,
}: {
  classId: string;
  round: ScreeningRound;
}): ReactElement {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const columns = columnsFor(round);
  const [load, setLoad] = useState<
    | { status: 'loading' }
    | { status: 'error'; code: ErrorCode }
    | { status: 'ready'; data: ClassData }
  >({ status: 'loading' });
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const rowsRef = useRef(rows);
  const [consentFor, setConsentFor] = useState<Pupil | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const update = useCallback((id: string, change: (row: RowState) => RowState) => {
    const current = rowsRef.current[id];
    if (!current) return;
    rowsRef.current = { ...rowsRef.current, [id]: change(current) };
    setRows(rowsRef.current);
  }, []);

  // Every unsaved row goes to the session draft as it changes.
  useEffect(() => {
    if (load.status !== 'ready') return;
    const drafts: Record<string, RowDraft> = {};
    for (const [id, row] of Object.entries(rows)) {
      if (row.status === 'dirty' || row.status === 'failed' || row.status === 'saving') {
        drafts[id] = { values: row.values, absent: row.absent, version: row.version };
      }
    }
    storeGridDrafts(window.sessionStorage, classId, round, drafts);
  }, [rows, load.status, classId, round]);

  const failureText = useCallback(
    (error: AppError): string => {
      if (error.details?.['reason'] === 'CONSENT_REQUIRED') return t('school.grid.consentRequired');
      if (error.code === 'CONFLICT') return t('school.grid.conflict');
      return t(`errors.${error.code}`);
    },
    [t],
  );

  const pupilsRef = useRef<Pupil[]>([]);
  /** Rows with a save on its way, and rows to save again once it is back (on its new version). */
  const inFlight = useRef(new Set<string>());
  const saveAgain = useRef(new Set<string>());
  const saveRowRef = useRef<(id: string) => Promise<void>>(() => Promise.resolve());

  const saveRow = useCallback(
    async (id: string, overVersion?: number): Promise<void> => {
      const row = rowsRef.current[id];
      const pupil = pupilsRef.current.find((p) => p.resident.id === id);
      if (!row || !pupil) return;
      if (inFlight.current.has(id)) {
        saveAgain.current.add(id);
        return;
      }
      if (overVersion === undefined && row.status !== 'dirty' && row.status !== 'failed') return;
      if (!row.absent && isBlankRow(row.values)) {
        update(id, (r) => ({ ...r, status: r.screening ? 'saved' : 'clean', message: null }));
        return;
      }
      const input: ChannelInput<'pupil.saveScreening'> = {
        classId,
        residentId: id,
        round,
        screenedOn: today,
        status: row.absent ? 'absent' : 'measured',
        expectedVersion: overVersion ?? row.version,
        measurements: row.absent
          ? { notes: row.values.notes }
          : measurementsFromValues(row.values, round),
      };
      const parsed = schoolScreeningSaveSchema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Partial<Record<ColumnKey, string>> = {};
        for (const issue of parsed.error.issues) {
          const [head, ...rest] = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
          const column = head === 'measurements' ? columnOfIssue(rest) : null;
          if (column) fieldErrors[column] ??= issue.message;
        }
        update(id, (r) => ({
          ...r,
          status: 'failed',
          fieldErrors,
          message: t('school.grid.fixFields'),
        }));
        return;
      }
      if (!row.absent && !consentCovers(pupil.consent, pupil.resident.birthDate, today)) {
        update(id, (r) => ({
          ...r,
          status: 'failed',
          fieldErrors: {},
          message: t('school.grid.consentRequired'),
        }));
        return;
      }
      const sent = row.values;
      update(id, (r) => ({ ...r, status: 'saving' }));
      inFlight.current.add(id);
      const result = await call('pupil.saveScreening', input);
      inFlight.current.delete(id);
      if (result.ok) {
        update(id, (r) => ({
          ...r,
          version: result.value.version,
          screening: result.value,
          // As stored ("10" typed is "10/10" kept); typed on while saving: saved again below.
          values: r.values === sent ? valuesFromMeasurements(result.value.measurements) : r.values,
          status: r.values === sent ? 'saved' : 'dirty',
          message: null,
          fieldErrors: {},
          conflictVersion: null,
        }));
      } else {
        const current = result.error.details?.['currentVersion'];
        const fieldErrors: Partial<Record<ColumnKey, string>> = {};
        for (const issue of result.error.issues ?? []) {
          const [head, ...rest] = issue.path;
          const column = head === 'measurements' ? columnOfIssue(rest) : null;
          if (column) fieldErrors[column] ??= issue.message;
        }
        update(id, (r) => ({
          ...r,
          status: 'failed',
          message: failureText(result.error),
          fieldErrors,
          conflictVersion: typeof current === 'number' ? current : null,
        }));
      }
      if (saveAgain.current.delete(id)) void saveRowRef.current(id);
    },
    [classId, round, today, t, update, failureText],
  );

  useEffect(() => {
    saveRowRef.current = saveRow;
  }, [saveRow]);

  useEffect(() => {
    void call('class.get', { classId, round }).then((result) => {
      if (!result.ok) {
        setLoad({ status: 'error', code: result.error.code });
        return;
      }
      const drafts = loadGridDrafts(window.sessionStorage, classId, round);
      pupilsRef.current = result.value.pupils;
      rowsRef.current = Object.fromEntries(
        result.value.pupils.map((p) => [p.resident.id, initialRow(p, drafts[p.resident.id])]),
      );
      setRows(rowsRef.current);
      setLoad({ status: 'ready', data: result.value });
      // Rows restored from a draft are saved at once: nothing waits on her to revisit them.
      for (const [id, row] of Object.entries(rowsRef.current)) {
        if (row.status === 'dirty') void saveRow(id);
      }
    });
  }, [classId, round, saveRow]);

  /** The row with focus, saved when the window goes away or the screen locks. */
  const focusedRow = (): string | null =>
    (document.activeElement?.closest('tr[data-resident]') as HTMLElement | null)?.dataset[
      'resident'
    ] ?? null;
  useEffect(() => {
    const flush = (): void => {
      const id = focusedRow();
      if (id) void saveRow(id);
    };
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener(SESSION_LOCKING_EVENT, flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener(SESSION_LOCKING_EVENT, flush);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [saveRow]);

  const setValue = (id: string, key: ColumnKey, value: string): void =>
    update(id, (r) => ({
      ...r,
      values: { ...r.values, [key]: value },
      status: 'dirty',
      fieldErrors: { ...r.fieldErrors, [key]: undefined },
    }));

  const focusCell = (rowIndex: number, column: string, step: 1 | -1): boolean => {
    const table = tableRef.current;
    if (!table) return false;
    for (let i = rowIndex + step; i >= 0 && i < pupilsRef.current.length; i += step) {
      const cell = table.querySelector<HTMLElement>(
        `tr[data-index="${i}"] [data-col="${column}"]:not(:disabled)`,
      );
      if (cell) {
        cell.focus();
        if (cell instanceof HTMLInputElement) cell.select();
        return true;
      }
    }
    return false;
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, id: string, index: number) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !event.altKey && !event.ctrlKey) {
      const column = target.dataset['col'];
      if (!column) return;
      event.preventDefault();
      // The last pupil has no next row to move to: leaving is saving, so save here.
      if (!focusCell(index, column, event.shiftKey ? -1 : 1)) void saveRow(id);
      return;
    }
    if (event.altKey && event.code === 'KeyV') {
      event.preventDefault();
      const absent = !rowsRef.current[id]?.absent;
      update(id, (r) => ({
        ...r,
        absent,
        // Absent: nothing measured; only the note (why) stays.
        values: absent ? { ...EMPTY_ROW, notes: r.values.notes } : r.values,
        status: 'dirty',
        fieldErrors: {},
      }));
      void saveRow(id);
      if (absent) {
        // The cell she was in is now disabled: the note (why absent) is where she goes on.
        const notes = tableRef.current?.querySelector<HTMLElement>(
          `tr[data-index="${index}"] [data-col="notes"]`,
        );
        notes?.focus();
      }
    }
  };

  if (load.status === 'loading') return <LoadingPage text={t('common.loading')} />;
  if (load.status === 'error') {
    return (
      <FailedPage code={load.code}>
        <a href={routePath({ name: 'schoolClass', classId })}>{t('school.backToClass')}</a>
      </FailedPage>
    );
  }
  const { schoolClass, pupils } = load.data;
  const counts = Object.values(rows).reduce(
    (c, r) => ({
      measured: c.measured + (r.screening?.status === 'measured' ? 1 : 0),
      absent: c.absent + (r.screening?.status === 'absent' ? 1 : 0),
      unsaved: c.unsaved + (r.status === 'dirty' || r.status === 'failed' ? 1 : 0),
    }),
    { measured: 0, absent: 0, unsaved: 0 },
  );

  const issueText = (message: string): string => {
    const { key, value } = splitMessageKey(message);
    return t(key, { value });
  };

  const renderCell = (pupil: Pupil, row: RowState, column: GridColumn, disabled: boolean) => {
    const id = pupil.resident.id;
    const label = `${t(`school.grid.columns.${column.key}`)} — ${pupil.resident.fullName}`;
    const error = row.fieldErrors[column.key];
    const common = {
      'data-col': column.key,
      'aria-label': label,
      'aria-invalid': error ? true : undefined,
      title: error ? issueText(error) : undefined,
      disabled,
      className: `input grid-input grid-input--${column.kind}`,
    };
    if (column.kind === 'sagittal' || column.kind === 'scoliosis') {
      const options = column.kind === 'sagittal' ? SAGITTAL_OPTIONS : SCOLIOSIS_OPTIONS;
      return (
        <select
          {...common}
          value={row.values[column.key]}
          onChange={(e) => setValue(id, column.key, e.target.value)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`school.grid.spine.${o}`)}
            </option>
          ))}
        </select>
      );
    }
    return (
      <input
        {...common}
        inputMode={column.kind === 'text' ? 'text' : 'decimal'}
        autoComplete="off"
        value={row.values[column.key]}
        onChange={(e) => setValue(id, column.key, e.target.value)}
      />
    );
  };

  return (
    <div className="page school-page school-grid-page">
      <p className="crumbs">
        <a href={routePath({ name: 'schoolClass', classId })}>
          {t('school.class.title', { name: schoolClass.name, year: schoolClass.schoolYear })}
        </a>
      </p>
      <header className="page__head">
        <h1>
          {t('school.grid.title', { round, name: schoolClass.name })}{' '}
          <span className="muted">· {formatIsoDate(today)}</span>
        </h1>
        <p className="muted" role="status">
          {t('school.grid.counts', { ...counts, total: pupils.length })}
        </p>
      </header>
      <p className="school-grid__keys muted">{t('school.grid.keys')}</p>
      <div className="school-grid__scroll">
        <table className="table school-grid" ref={tableRef}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('school.pupil.name')}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" title={t(`school.grid.columnTitles.${c.key}`)}>
                  {t(`school.grid.columns.${c.key}`)}
                </th>
              ))}
              <th scope="col">{t('school.grid.result')}</th>
            </tr>
          </thead>
          <tbody>
            {pupils.map((pupil, index) => {
              const id = pupil.resident.id;
              const row = rows[id];
              if (!row) return null;
              const consented = consentCovers(pupil.consent, pupil.resident.birthDate, today);
              return (
                <tr
                  key={id}
                  data-resident={id}
                  data-index={index}
                  aria-label={pupil.resident.fullName}
                  className={`grid-row grid-row--${row.status}${row.absent ? ' grid-row--absent' : ''}`}
                  onKeyDown={(e) => onRowKeyDown(e, id, index)}
                  onBlur={(e) => {
                    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void saveRow(id);
                  }}
                >
                  <td>{index + 1}</td>
                  <th
                    scope="row"
                    className="grid-name"
                    title={formatIsoDate(pupil.resident.birthDate)}
                  >
                    {pupil.resident.fullName}
                    {row.absent ? (
                      <span className="badge badge--warn">{t('school.status.absent')}</span>
                    ) : null}
                  </th>
                  {columns.map((column) => (
                    <td key={column.key}>
                      {renderCell(
                        pupil,
                        row,
                        column,
                        column.key === 'notes' ? false : !consented || row.absent,
                      )}
                    </td>
                  ))}
                  <td className="grid-result">
                    {!consented ? (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => setConsentFor(pupil)}
                      >
                        {t('school.consent.record')}
                      </button>
                    ) : null}
                    {row.status === 'saving' ? (
                      <span className="muted">{t('common.saving')}</span>
                    ) : row.status === 'saved' ? (
                      <span className="grid-saved">{t('school.grid.saved')}</span>
                    ) : row.status === 'dirty' ? (
                      <span className="muted">{t('school.grid.unsaved')}</span>
                    ) : null}{' '}
                    <NutritionBadge pupil={pupil} row={row} round={round} />
                    {row.status === 'failed' ? (
                      <span className="grid-failed" role="alert">
                        {row.message}
                        {Object.values(row.fieldErrors)
                          .filter((m): m is string => Boolean(m))
                          .map((m) => ` ${issueText(m)}`)
                          .join('')}
                        {row.conflictVersion !== null ? (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => void saveRow(id, row.conflictVersion ?? undefined)}
                          >
                            {t('school.grid.saveOver')}
                          </button>
                        ) : null}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {consentFor ? (
        <ConsentDialog
          classId={classId}
          pupil={consentFor}
          onClose={() => setConsentFor(null)}
          onSaved={(consent) => {
            const id = consentFor.resident.id;
            pupilsRef.current = pupilsRef.current.map((p) =>
              p.resident.id === id ? { ...p, consent } : p,
            );
            setLoad({ status: 'ready', data: { ...load.data, pupils: pupilsRef.current } });
            setConsentFor(null);
            const index = pupilsRef.current.findIndex((p) => p.resident.id === id);
            window.setTimeout(() => focusCell(index - 1, columns[0]?.key ?? 'heightCm', 1), 0);
          }}
        />
      ) : null}
    </div>
  );
}
