import { useEffect, useId, useState, type ReactElement } from 'react';
import { FormProvider, useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AppError } from '../../../src-shared/ipc/errors';
import {
  duplicateCandidateSchema,
  residentSummarySchema,
  type DuplicateCandidate,
  type Resident,
  type residentInputSchema,
  type ResidentRecord,
  type ResidentSummary,
} from '../../../src-shared/schemas/resident';
import { call } from '../../api/client';
import { announceDataChanged } from '../../app/events';
import { navigate, parseRoute, routePath, type Route } from '../../app/routes';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/Dialog';
import { applyServerIssues } from '../../components/issue-text';
import { DuplicateDialog } from './components/DuplicateDialog';
import { RecordPending } from './components/RecordPending';
import { ResidentFormFields } from './components/ResidentFormFields';
import { useResidentRecord } from './hooks/use-resident-record';
import { useWindowKeydown } from './hooks/use-window-keydown';
import { useBirthText } from './resident-display';
import { emptyResident, residentResolver, residentToForm } from './resident-form-values';
import './registry.css';

type Failure = { code: AppError['code']; existing: ResidentSummary | null };
/** `returnTo`: where the focus goes back when she closes the dialog without leaving. */
type OpenDialog =
  | {
      kind: 'duplicates';
      candidates: DuplicateCandidate[];
      values: Resident;
      returnTo: HTMLElement | null;
    }
  | { kind: 'discard'; then: Route; returnTo: HTMLElement | null };

function focusedElement(): HTMLElement | null {
  const element = document.activeElement;
  return element instanceof HTMLElement && element !== document.body ? element : null;
}

const candidateList = duplicateCandidateSchema.array();

/** Counts the fields with a message, for the "n fields to fix" summary. */
function countErrors(errors: FieldErrors | undefined): number {
  if (!errors || typeof errors !== 'object') return 0;
  if ('type' in errors && typeof errors.type === 'string') return 1;
  return Object.entries(errors).reduce(
    (n, [key, value]) => (key === 'ref' ? n : n + countErrors(value as FieldErrors | undefined)),
    0,
  );
}

/** Register a new resident (`residentId` null) or correct an existing one. */
export function ResidentFormScreen({ residentId }: { residentId: string | null }): ReactElement {
  const { state, reload } = useResidentRecord(residentId);
  if (residentId === null) return <ResidentForm record={null} onReload={reload} />;
  if (state.status !== 'ready') return <RecordPending state={state} onRetry={reload} />;
  // A new version (after a conflict reload) starts a fresh form from the stored values.
  return <ResidentForm key={state.record.version} record={state.record} onReload={reload} />;
}

function ResidentForm({
  record,
  onReload,
}: {
  record: ResidentRecord | null;
  onReload: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const birthText = useBirthText();
  const form = useForm<
    z.input<typeof residentInputSchema>,
    unknown,
    z.output<typeof residentInputSchema>
  >({
    resolver: residentResolver,
    defaultValues: record
      ? residentToForm(record.resident)
      : emptyResident(session.station.communeCode),
    mode: 'onTouched',
  });
  const { handleSubmit, setError, setFocus, formState } = form;
  const [failure, setFailure] = useState<Failure | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [saving, setSaving] = useState(false);
  const submitId = useId();
  const editing = record !== null;
  const leaveTo: Route = record ? { name: 'resident', id: record.id } : { name: 'registry' };
  const errorCount = countErrors(formState.errors);

  useEffect(() => {
    setFocus('fullName');
  }, [setFocus]);

  const save = async (values: Resident, acknowledged: string[]): Promise<void> => {
    if (saving) return;
    setSaving(true);
    setFailure(null);
    const result = record
      ? await call('resident.update', {
          id: record.id,
          expectedVersion: record.version,
          resident: values,
          duplicateAcknowledged: acknowledged,
        })
      : await call('resident.create', { resident: values, duplicateAcknowledged: acknowledged });
    setSaving(false);
    if (result.ok) {
      setDialog(null);
      announceDataChanged();
      navigate({ name: 'resident', id: result.value.id });
      return;
    }
    // Whatever fails, the form keeps every value she typed.
    const error = result.error;
    if (error.code === 'DUPLICATE_CANDIDATES') {
      const candidates = candidateList.safeParse(error.details?.candidates);
      if (candidates.success && candidates.data.length > 0) {
        setDialog({
          kind: 'duplicates',
          candidates: candidates.data,
          values,
          returnTo: focusedElement(),
        });
        return;
      }
    }
    setDialog(null);
    if (error.code === 'DUPLICATE_PERSONAL_ID') {
      setError(
        'personalId',
        { type: 'server', message: 'validation.personalId.taken' },
        { shouldFocus: true },
      );
      const existing = residentSummarySchema.safeParse(error.details?.existing);
      setFailure({ code: error.code, existing: existing.success ? existing.data : null });
      return;
    }
    if (error.code === 'INVALID_INPUT') applyServerIssues(error, setError, ['resident']);
    setFailure({ code: error.code, existing: null });
    // A failure no field can show: keep her on the save button rather than lost on the page.
    if (document.activeElement === document.body) document.getElementById(submitId)?.focus();
  };

  const submit = handleSubmit((values) => save(values, []));

  const discardAndGo = (then: Route): void => {
    setDialog(null);
    // Alt+N on the new-resident form itself: no route change, so start a blank form here.
    if (window.location.hash === routePath(then)) {
      form.reset();
      window.setTimeout(() => setFocus('fullName'), 0);
    } else navigate(then);
  };

  const closeDialog = (): void => {
    const returnTo = dialog?.returnTo;
    setDialog(null);
    // The dialog leaves the page as it closes, so the browser cannot give the focus back itself.
    if (returnTo) window.setTimeout(() => returnTo.focus(), 0);
  };

  const leave = (then: Route): void => {
    if (formState.isDirty) setDialog({ kind: 'discard', then, returnTo: focusedElement() });
    else navigate(then);
  };

  // Capture phase, so the shell's own shortcuts (F2, Alt+N) cannot drop unsaved typing.
  useWindowKeydown(
    (event) => {
      if (dialog) return;
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 's') {
        event.preventDefault();
        void submit();
        return;
      }
      if (!formState.isDirty) return;
      const toRegistry = event.key === 'F2' || ((event.ctrlKey || event.metaKey) && key === 'k');
      const toNew = event.altKey && key === 'n';
      if (toRegistry || toNew) {
        event.preventDefault();
        event.stopPropagation();
        setDialog({
          returnTo: focusedElement(),
          kind: 'discard',
          then: toRegistry ? { name: 'registry' } : { name: 'residentNew' },
        });
      }
    },
    { capture: true },
  );
  // The top bar's links leave the form too: with unsaved typing, ask first.
  const isDirty = formState.isDirty;
  useEffect(() => {
    const onClick = (event: MouseEvent): void => {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      if (!link || !isDirty || dialog) return;
      event.preventDefault();
      setDialog({
        kind: 'discard',
        then: parseRoute(link.getAttribute('href') ?? '#/'),
        returnTo: focusedElement(),
      });
    };
    window.addEventListener('click', onClick, { capture: true });
    return () => window.removeEventListener('click', onClick, { capture: true });
  }, [isDirty, dialog]);
  // Bubble phase: an open commune list handles its own Esc first (and stops it there).
  useWindowKeydown((event) => {
    if (dialog || event.defaultPrevented || event.key !== 'Escape') return;
    event.preventDefault();
    leave(leaveTo);
  });

  return (
    <div className="page resident-form">
      <div className="page__head">
        <div>
          <h1>{editing ? t('registry.form.editTitle') : t('registry.form.newTitle')}</h1>
          {record ? (
            <p className="muted registry-subtitle">
              {record.resident.fullName} · {birthText(record.resident.birthDate)} ·{' '}
              {t('registry.view.recordVersion', { version: record.version })}
            </p>
          ) : (
            <p className="muted registry-subtitle">{t('registry.form.newIntro')}</p>
          )}
        </div>
      </div>

      <FormProvider {...form}>
        <form onSubmit={(event) => void submit(event)} noValidate aria-busy={saving || undefined}>
          <ResidentFormFields temporaryId={record?.temporaryId ?? ''} />

          <div className="resident-form__footer">
            {failure ? (
              <div className="banner banner--error registry-banner" role="alert">
                <span>{t(`errors.${failure.code}`)}</span>
                {failure.existing ? (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => navigate({ name: 'resident', id: failure.existing?.id ?? '' })}
                  >
                    {t('registry.form.openExisting', {
                      name: failure.existing.fullName,
                      birth: birthText(failure.existing.birthDate),
                    })}
                  </button>
                ) : null}
                {failure.code === 'CONFLICT' ? (
                  <button type="button" className="button button--small" onClick={onReload}>
                    {t('registry.form.reload')}
                  </button>
                ) : null}
              </div>
            ) : formState.submitCount > 0 && errorCount > 0 ? (
              <p className="banner banner--error" role="alert">
                {t('registry.form.errorSummary', { count: errorCount })}
              </p>
            ) : null}
            <div className="actions">
              <span className="muted registry-keys">
                <kbd>Ctrl+S</kbd> {t('registry.keys.save')} · <kbd>Esc</kbd>{' '}
                {t('registry.keys.cancel')}
              </span>
              <button type="button" className="button" onClick={() => leave(leaveTo)}>
                {t('registry.actions.cancel')}
              </button>
              <button
                id={submitId}
                type="submit"
                className="button button--primary"
                disabled={saving}
              >
                {saving ? t('common.saving') : t('registry.form.submit')}
              </button>
            </div>
          </div>
        </form>
      </FormProvider>

      {dialog?.kind === 'duplicates' ? (
        <DuplicateDialog
          candidates={dialog.candidates}
          editing={editing}
          saving={saving}
          onOpen={(id) => navigate({ name: 'resident', id })}
          onConfirm={() => {
            // Closed first, so that whatever the resubmit answers can focus a field of the form.
            setDialog(null);
            void save(
              dialog.values,
              dialog.candidates.map((c) => c.id),
            );
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'discard' ? (
        <Dialog
          title={t('registry.discard.title')}
          onClose={closeDialog}
          actions={
            <>
              <button type="button" className="button" onClick={closeDialog}>
                {t('registry.discard.keep')}
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => discardAndGo(dialog.then)}
              >
                {t('registry.discard.confirm')}
              </button>
            </>
          }
        >
          <p>{t('registry.discard.body')}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
