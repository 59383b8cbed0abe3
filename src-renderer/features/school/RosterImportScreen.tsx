import { useEffect, useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { splitMessageKey } from '../../../src-shared/schemas/messages';
import {
  GUARDIAN_RELATIONSHIPS,
  type ColumnMapping,
  type RosterFieldKey,
} from '../../../src-shared/schemas/school-roster';
import { ROSTER_FIELDS } from '../../../src-shared/school/roster-mapping';
import { call } from '../../api/client';
import { navigate, routePath } from '../../app/routes';
import { localised } from './school-display';
import './school.css';

type Preview = ChannelOutput<'roster.preview'>;
type PreviewRow = Preview['rows'][number];
type Decision = { action: 'create' } | { action: 'link'; residentId: string };

interface RosterFile {
  fileName: string;
  base64: string;
}

/** The file's bytes as base64, for the main side to read and check again on import. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** A refusal in words: the file's own problem, the import's, or the general error text. */
function useRefusalText(): (error: AppError) => string {
  const { t } = useTranslation();
  return (error) => {
    const reason = error.details?.['reason'];
    if (typeof reason === 'string' && reason.startsWith('ROSTER_')) {
      const rows = Array.isArray(error.details?.['rows']) ? error.details['rows'].join(', ') : '';
      return t(`roster.fileErrors.${reason}`, { rows });
    }
    return t(`errors.${error.code}`);
  };
}

function useProblemText(): (messageKey: string) => string {
  const { t } = useTranslation();
  return (messageKey) => {
    const { key, value } = splitMessageKey(messageKey);
    return t(key, { value });
  };
}

function cellOf(row: PreviewRow, mapping: ColumnMapping, field: RosterFieldKey): string {
  const index = mapping.columns[field];
  return index === undefined ? '' : (row.cells[index] ?? '');
}

function pupilName(row: PreviewRow, mapping: ColumnMapping): string {
  return (
    cellOf(row, mapping, 'fullName') ||
    `${cellOf(row, mapping, 'familyAndMiddleName')} ${cellOf(row, mapping, 'givenName')}`.trim()
  );
}

/** Excel date cells arrive as ISO dates; typed dates stay as the school wrote them. */
const shownDate = (cell: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(cell) ? formatIsoDate(cell) : cell;

function MappingStep({
  preview,
  onChange,
}: {
  preview: Preview;
  onChange: (mapping: ColumnMapping) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const baseId = useId();
  const { mapping } = preview;
  const setColumn = (field: RosterFieldKey, value: string) => {
    const columns = { ...mapping.columns };
    if (value === '') delete columns[field];
    else columns[field] = Number(value);
    onChange({ ...mapping, columns });
  };
  return (
    <fieldset className="card roster-mapping">
      <legend>{t('roster.screen.mapping')}</legend>
      <p className="muted">{t('roster.screen.mappingHint')}</p>
      <div className="roster-mapping__grid">
        {ROSTER_FIELDS.map((field) => (
          <div key={field.key} className="field">
            <label className="field__label" htmlFor={`${baseId}-${field.key}`}>
              {localised(field.label, i18n.language)}
              {field.required ? ' *' : ''}
            </label>
            <select
              id={`${baseId}-${field.key}`}
              className="input"
              value={mapping.columns[field.key] ?? ''}
              onChange={(e) => setColumn(field.key, e.target.value)}
            >
              <option value="">{t('roster.screen.notUsed')}</option>
              {preview.headers.map((header, index) =>
                header === '' ? null : (
                  <option key={index} value={index}>
                    {header}
                  </option>
                ),
              )}
            </select>
          </div>
        ))}
        <div className="field">
          <label className="field__label" htmlFor={`${baseId}-relationship`}>
            {t('roster.screen.guardianRelationship')}
          </label>
          <select
            id={`${baseId}-relationship`}
            className="input"
            value={mapping.guardianRelationship}
            onChange={(e) =>
              onChange({
                ...mapping,
                guardianRelationship: e.target.value as ColumnMapping['guardianRelationship'],
              })
            }
          >
            {GUARDIAN_RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {t(`school.relationship.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {preview.missingFields.length > 0 ? (
        <p className="banner banner--warning" role="alert">
          {t('roster.screen.missing', {
            fields: preview.missingFields
              .map((key) => {
                const field = ROSTER_FIELDS.find((f) => f.key === key);
                return field ? localised(field.label, i18n.language) : key;
              })
              .join(', '),
          })}
        </p>
      ) : null}
    </fieldset>
  );
}

function MatchCell({
  row,
  decision,
  onDecide,
}: {
  row: PreviewRow;
  decision: Decision | undefined;
  onDecide: (decision: Decision | undefined) => void;
}): ReactElement | null {
  const { t } = useTranslation();
  if (row.status === 'error') return null;
  const { match } = row;
  switch (match.kind) {
    case 'new':
      return <span className="muted">{t('roster.screen.match.new')}</span>;
    case 'enrolled':
      return <span className="badge">{t('roster.screen.match.enrolled')}</span>;
    case 'personalId':
      return (
        <span className="badge badge--ok">
          {t('roster.screen.match.personalId', { name: match.resident.fullName })}
        </span>
      );
    case 'nameBirth': {
      const value =
        decision === undefined ? '' : decision.action === 'create' ? 'create' : decision.residentId;
      return (
        <label className="roster-decision">
          <span className="badge badge--warn">{t('roster.screen.match.nameBirth')}</span>
          <select
            className="input"
            aria-label={t('roster.screen.match.nameBirth')}
            value={value}
            onChange={(e) => {
              const v = e.target.value;
              onDecide(
                v === ''
                  ? undefined
                  : v === 'create'
                    ? { action: 'create' }
                    : { action: 'link', residentId: v },
              );
            }}
          >
            <option value="">{t('roster.screen.match.choose')}</option>
            {match.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {t('roster.screen.match.link', {
                  name: c.fullName,
                  id: c.personalId || c.temporaryId || formatIsoDate(c.birthDate),
                })}
              </option>
            ))}
            <option value="create">{t('roster.screen.match.create')}</option>
          </select>
        </label>
      );
    }
  }
}

/**
 * Roster import: choose the school's file, check the column mapping and every row, decide
 * about possible duplicates, then import. The main side reads the file again on import and
 * refuses it while any row has an error: a list is imported whole or not at all.
 */
export function RosterImportScreen({ classId }: { classId: string }): ReactElement {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const problemText = useProblemText();
  const fileId = useId();
  const [className, setClassName] = useState('');
  const [file, setFile] = useState<RosterFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [done, setDone] = useState<ChannelOutput<'roster.import'> | null>(null);

  useEffect(() => {
    void call('class.get', { classId, round: 'I' }).then((result) => {
      if (result.ok) setClassName(result.value.schoolClass.name);
    });
  }, [classId]);

  const runPreview = async (
    next: RosterFile,
    mapping: ColumnMapping | null,
    sheet: string | null,
  ): Promise<void> => {
    setBusy(true);
    setFailure(null);
    const result = await call('roster.preview', { classId, ...next, sheet, mapping });
    setBusy(false);
    if (result.ok) setPreview(result.value);
    else {
      setPreview(null);
      setFailure(refusalText(result.error));
    }
  };

  const onFile = async (chosen: File | undefined): Promise<void> => {
    if (!chosen) return;
    const next = { fileName: chosen.name, base64: await readAsBase64(chosen) };
    setFile(next);
    setDone(null);
    setDecisions({});
    await runPreview(next, null, null);
  };

  const undecided =
    preview?.rows.filter(
      (r) => r.match.kind === 'nameBirth' && r.status !== 'error' && !decisions[r.rowNumber],
    ).length ?? 0;
  const importable = preview ? preview.rows.filter((r) => r.status !== 'error').length : 0;
  const blocked =
    !preview ||
    preview.missingFields.length > 0 ||
    preview.counts.error > 0 ||
    undecided > 0 ||
    importable === 0;

  const onImport = async (): Promise<void> => {
    if (!file || !preview || blocked) return;
    setBusy(true);
    setFailure(null);
    const result = await call('roster.import', {
      classId,
      ...file,
      sheet: preview.sheet,
      mapping: preview.mapping,
      decisions: Object.entries(decisions).map(([rowNumber, d]) => ({
        rowNumber: Number(rowNumber),
        action: d.action,
        residentId: d.action === 'link' ? d.residentId : null,
      })),
    });
    setBusy(false);
    if (result.ok) {
      setDone(result.value);
      setPreview(null);
    } else setFailure(refusalText(result.error));
  };

  return (
    <div className="page school-page">
      <p className="crumbs">
        <a href={routePath({ name: 'schoolClass', classId })}>{t('roster.screen.backToClass')}</a>
      </p>
      <header className="page__head">
        <h1>{t('roster.screen.title', { className })}</h1>
      </header>
      <p className="muted">{t('roster.screen.intro')}</p>
      <div className="row roster-file">
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('roster.screen.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".xlsx,.csv"
            className="input"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </div>
        {preview && preview.sheetNames.length > 1 && file ? (
          <div className="field">
            <label className="field__label" htmlFor={`${fileId}-sheet`}>
              {t('roster.screen.sheet')}
            </label>
            <select
              id={`${fileId}-sheet`}
              className="input"
              value={preview.sheet}
              onChange={(e) => void runPreview(file, null, e.target.value)}
            >
              {preview.sheetNames.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {done ? (
        <div className="banner banner--success" role="status">
          <p>{t('roster.screen.done', done)}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate({ name: 'schoolClass', classId })}
          >
            {t('roster.screen.backToClass')}
          </button>
        </div>
      ) : null}
      {busy ? (
        <p className="muted" role="status">
          {t('roster.screen.reading')}
        </p>
      ) : null}
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failure}
        </p>
      ) : null}
      {preview && file ? (
        <>
          <MappingStep
            preview={preview}
            onChange={(mapping) => void runPreview(file, mapping, preview.sheet)}
          />
          <p role="status">
            {t('roster.screen.counts', preview.counts)}
            {preview.skippedBlankRows > 0
              ? ` · ${t('roster.screen.skipped', { count: preview.skippedBlankRows })}`
              : ''}
          </p>
          {preview.counts.error > 0 ? (
            <p className="banner banner--error">
              {t('roster.screen.blocked', { count: preview.counts.error })}
            </p>
          ) : undecided > 0 ? (
            <p className="banner banner--warning">
              {t('roster.screen.undecided', { count: undecided })}
            </p>
          ) : null}
          <table className="table roster-preview">
            <thead>
              <tr>
                <th scope="col">{t('roster.screen.columns.row')}</th>
                <th scope="col">{t('roster.screen.columns.status')}</th>
                <th scope="col">{t('roster.screen.columns.pupil')}</th>
                <th scope="col">{t('roster.screen.columns.birthDate')}</th>
                <th scope="col">{t('roster.screen.columns.problems')}</th>
                <th scope="col">{t('roster.screen.columns.match')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.rowNumber} className={`roster-row roster-row--${row.status}`}>
                  <td>{row.rowNumber}</td>
                  <td>
                    <span
                      className={`badge${row.status === 'ok' ? ' badge--ok' : row.status === 'warning' ? ' badge--warn' : ' badge--error'}`}
                    >
                      {t(`roster.screen.status.${row.status}`)}
                    </span>
                  </td>
                  <td>{pupilName(row, preview.mapping)}</td>
                  <td>{shownDate(cellOf(row, preview.mapping, 'birthDate'))}</td>
                  <td>
                    {row.problems.length > 0 ? (
                      <ul className="roster-problems">
                        {row.problems.map((p, i) => (
                          <li key={i}>{problemText(p.messageKey)}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>
                    <MatchCell
                      row={row}
                      decision={decisions[row.rowNumber]}
                      onDecide={(d) =>
                        setDecisions((all) => {
                          const next = { ...all };
                          if (d) next[row.rowNumber] = d;
                          else delete next[row.rowNumber];
                          return next;
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              type="button"
              className="button button--primary"
              disabled={blocked || busy}
              onClick={() => void onImport()}
            >
              {busy
                ? t('roster.screen.importing')
                : t('roster.screen.import', { count: importable })}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
