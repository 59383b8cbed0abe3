import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatInstantInVietnam } from '../../../src-shared/domain/dates';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import {
  declarationSchema,
  type DeclarationVersion,
} from '../../../src-shared/schemas/declaration';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import type { ConsentPurpose } from '../../../src-shared/schemas/subject-rights';
import { call } from '../../api/client';
import { announceDataChanged } from '../../app/events';
import { navigate, routePath } from '../../app/routes';
import { applyServerIssues } from '../../components/issue-text';
import { ErrorSummary, countErrors, type SectionKey } from './ErrorSummary';
import {
  emptyDeclaration,
  toFormValues,
  type DeclarationFormValues,
  type DeclarationValues,
} from './form-values';
import { residentAge } from './ResidentSummary';
import { AllergiesSection } from './sections/AllergiesSection';
import { BirthSection } from './sections/BirthSection';
import { ConsentSection } from './sections/ConsentSection';
import { DisabilitiesSection } from './sections/DisabilitiesSection';
import { DiseasesSection } from './sections/DiseasesSection';
import { FamilyHistorySection } from './sections/FamilyHistorySection';
import { ReproductiveSection } from './sections/ReproductiveSection';
import { RiskFactorsSection } from './sections/RiskFactorsSection';
import { SurgeriesSection } from './sections/SurgeriesSection';
import { VaccinationsSection } from './sections/VaccinationsSection';
import { useDraftAutosave, type DraftState } from './use-draft-autosave';
import './declaration.css';

type Draft = ChannelOutput<'declaration.current'>['draft'];

interface DeclarationFormProps {
  record: ResidentRecord;
  latest: DeclarationVersion | null;
  draft: Draft;
  /** Purposes she withdrew: never carried over, so a tick there is a new consent. */
  withdrawn?: readonly ConsentPurpose[];
  onBaseVersion?: (version: number) => void;
}

const NOTHING_WITHDRAWN: readonly ConsentPurpose[] = [];

/** The form's first values with the ticks of withdrawn purposes taken off. */
function withoutWithdrawn(
  values: DeclarationFormValues,
  withdrawn: readonly ConsentPurpose[],
): DeclarationFormValues {
  if (withdrawn.length === 0) return values;
  const consent = { ...values.consent };
  for (const purpose of withdrawn) consent[purpose] = false;
  return { ...values, consent };
}

/** Why the base version is not the newest one, and what the newest one is. */
interface Conflict {
  reason: 'staleDraft' | 'submit';
  currentVersion: number;
}

const FOCUSABLE_INVALID = '[aria-invalid="true"]:not([disabled])';
const FOCUSABLE =
  'select:not([disabled]), input:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function DeclarationForm({
  record,
  latest,
  draft,
  withdrawn = NOTHING_WITHDRAWN,
  onBaseVersion,
}: DeclarationFormProps): ReactElement {
  const { t } = useTranslation();
  const residentId = record.id;
  const latestVersion = latest?.version ?? 0;
  const [initial] = useState(() =>
    withoutWithdrawn(
      draft
        ? toFormValues(draft.data)
        : latest
          ? toFormValues(latest.declaration)
          : emptyDeclaration(),
      withdrawn,
    ),
  );
  const [baseVersion, setBaseVersion] = useState(draft?.baseVersion ?? latestVersion);
  const [restored, setRestored] = useState(draft ? { at: draft.savedAt, by: draft.savedBy } : null);
  const [discarded, setDiscarded] = useState<{
    values: DeclarationFormValues;
    baseVersion: number;
  } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(
    draft && draft.baseVersion !== latestVersion
      ? { reason: 'staleDraft', currentVersion: latestVersion }
      : null,
  );
  const [continued, setContinued] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLParagraphElement>(null);

  const form = useForm<DeclarationFormValues, unknown, DeclarationValues>({
    resolver: zodResolver(declarationSchema),
    defaultValues: initial,
    // Focus goes to the first marked field in screen order (see focusRequest), which also
    // covers date and number cells and the main side's issues.
    shouldFocusError: false,
  });
  const { handleSubmit, reset, setError, formState } = form;
  const autosave = useDraftAutosave(form, residentId, baseVersion);

  useEffect(() => {
    onBaseVersion?.(baseVersion);
  }, [baseVersion, onBaseVersion]);

  // After a refused submit, the cursor goes to the first marked field in screen order (or the
  // summary). RHF publishes the errors after its onInvalid callback, so this waits for the
  // render that shows them rather than acting on the request alone.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusHandled = useRef(0);
  useEffect(() => {
    if (focusRequest === focusHandled.current) return;
    const target =
      formRef.current?.querySelector<HTMLElement>(FOCUSABLE_INVALID) ??
      summaryRef.current ??
      failureRef.current;
    if (!target) return;
    focusHandled.current = focusRequest;
    target.focus();
  });
  const requestFocus = (): void => setFocusRequest((n) => n + 1);

  const jumpTo = (section: SectionKey): void => {
    const part = formRef.current?.querySelector(`[data-section="${section}"]`);
    (
      part?.querySelector<HTMLElement>(FOCUSABLE_INVALID) ??
      part?.querySelector<HTMLElement>(FOCUSABLE)
    )?.focus();
  };

  const submit = handleSubmit(
    async (values) => {
      setFailure(null);
      autosave.pause();
      const result = await call('declaration.submit', {
        residentId,
        baseVersion,
        declaration: values,
        // Withdrawn purposes start unticked here: ticked now, she has consented anew.
        renewedConsent: withdrawn.filter((purpose) => values.consent[purpose]),
      });
      if (result.ok) {
        setSavedVersion(result.value.version);
        announceDataChanged();
        navigate({ name: 'resident', id: residentId });
        return;
      }
      autosave.resume();
      const { error } = result;
      if (error.code === 'CONFLICT') {
        const current = Number(error.details?.currentVersion);
        setConflict({
          reason: 'submit',
          currentVersion: Number.isFinite(current) ? current : latestVersion,
        });
        setContinued(false);
        return;
      }
      if (error.code === 'INVALID_INPUT' || error.code === 'CONSENT_WITHDRAWN')
        applyServerIssues(error, setError, ['declaration']);
      setFailure(t(`errors.${error.code}`));
      requestFocus();
    },
    () => {
      setFailure(null);
      requestFocus();
    },
  );

  // Ctrl+S saves from anywhere on the screen, as the status bar promises.
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!formRef.current?.querySelector('[data-submitting="true"]')) void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const discardDraft = async (): Promise<void> => {
    autosave.pause();
    const undo = { values: structuredClone(form.getValues()), baseVersion };
    const result = await call('declaration.discardDraft', { residentId });
    if (!result.ok) {
      autosave.resume();
      setFailure(t(`errors.${result.error.code}`));
      return;
    }
    reset(
      withoutWithdrawn(latest ? toFormValues(latest.declaration) : emptyDeclaration(), withdrawn),
    );
    autosave.acceptAsSaved(latestVersion);
    setBaseVersion(latestVersion);
    setRestored(null);
    setConflict(null);
    setDiscarded(undo);
    autosave.resume();
  };

  const undoDiscard = (): void => {
    if (!discarded) return;
    reset(discarded.values);
    setBaseVersion(discarded.baseVersion);
    if (discarded.baseVersion !== latestVersion) {
      setConflict({ reason: 'staleDraft', currentVersion: latestVersion });
    }
    setDiscarded(null);
    // Differs from what was last stored (the latest version), so it is saved again as the draft.
    autosave.resume();
  };

  const continueFromNewest = (currentVersion: number): void => {
    setBaseVersion(currentVersion);
    setConflict(null);
    setContinued(true);
  };

  const conflictBanner = conflict ? (
    <div className="banner banner--warning decl-banner" role="alert">
      <span>
        {conflict.reason === 'submit'
          ? t('declaration.conflict.submit', { version: conflict.currentVersion })
          : t('declaration.conflict.staleDraft', {
              base: baseVersion,
              version: conflict.currentVersion,
            })}
      </span>
      <span className="decl-banner__actions">
        {conflict.currentVersion > 0 ? (
          <a
            className="button button--small"
            href={routePath({
              name: 'declarationVersion',
              residentId,
              version: conflict.currentVersion,
            })}
          >
            {t('declaration.conflict.view', { version: conflict.currentVersion })}
          </a>
        ) : null}
        <button
          type="button"
          className="button button--small"
          onClick={() => continueFromNewest(conflict.currentVersion)}
        >
          {t('declaration.conflict.continue', { version: conflict.currentVersion + 1 })}
        </button>
      </span>
    </div>
  ) : null;

  const female = record.resident.sex === '2';
  const showReproductive = female || initial.reproductive !== null;
  const errorCount = countErrors(formState.errors);
  const submitting = formState.isSubmitting;

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        className="decl-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="decl-title"
      >
        {restored ? (
          <div className="banner banner--info decl-banner">
            <span>
              {t('declaration.draft.restored', {
                time: formatInstantInVietnam(restored.at),
                name: restored.by,
              })}
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => void discardDraft()}
            >
              {t('declaration.draft.discard')}
            </button>
          </div>
        ) : null}
        {discarded ? (
          <div className="banner banner--info decl-banner" role="status">
            <span>{t('declaration.draft.discarded')}</span>
            <button type="button" className="button button--small" onClick={undoDiscard}>
              {t('declaration.draft.undo')}
            </button>
          </div>
        ) : null}
        {conflict?.reason === 'staleDraft' ? conflictBanner : null}
        {continued ? (
          <p className="banner banner--info" role="status">
            {t('declaration.conflict.continued', {
              version: baseVersion + 1,
              previous: baseVersion,
            })}
          </p>
        ) : null}

        <div data-section="birth">
          <BirthSection />
        </div>
        <div data-section="riskFactors">
          <RiskFactorsSection />
        </div>
        <div data-section="disabilities">
          <DisabilitiesSection />
        </div>
        <div data-section="allergies">
          <AllergiesSection />
        </div>
        <div data-section="diseases">
          <DiseasesSection />
        </div>
        <div data-section="surgeries">
          <SurgeriesSection />
        </div>
        <div data-section="familyHistory">
          <FamilyHistorySection />
        </div>
        {showReproductive ? (
          <div data-section="reproductive">
            <ReproductiveSection female={female} />
          </div>
        ) : null}
        <div data-section="vaccinations">
          <VaccinationsSection />
        </div>
        <div data-section="consent">
          <ConsentSection
            age={residentAge(record.resident.birthDate)}
            withdrawn={withdrawn}
            carriedFrom={
              !draft && latest ? { version: latest.version, at: latest.submitted.at } : null
            }
          />
        </div>

        <div className="decl-footer">
          {formState.submitCount > 0 && errorCount > 0 ? (
            <ErrorSummary ref={summaryRef} errors={formState.errors} onJump={jumpTo} />
          ) : null}
          {conflict?.reason === 'submit' ? conflictBanner : null}
          {failure ? (
            <p className="banner banner--error" role="alert" tabIndex={-1} ref={failureRef}>
              {failure}
            </p>
          ) : null}
          {savedVersion !== null ? (
            <p className="banner banner--success" role="status">
              {t('declaration.saved', { version: savedVersion })}
            </p>
          ) : null}
          <div className="decl-footer__bar">
            <DraftIndicator state={autosave.state} />
            <span className="muted decl-footer__next">
              {t('declaration.version.willCreate', { version: baseVersion + 1 })}
            </span>
            <span className="field__hint">
              <kbd>Ctrl+S</kbd>
            </span>
            <button
              type="submit"
              className="button button--primary"
              disabled={submitting}
              data-submitting={submitting ? 'true' : undefined}
            >
              {submitting ? t('declaration.submitting') : t('declaration.submit')}
            </button>
          </div>
        </div>
      </form>
    </FormProvider>
  );
}

/** Quiet on purpose: it changes only when a draft is actually written, or could not be. */
function DraftIndicator({ state }: { state: DraftState }): ReactElement {
  const { t } = useTranslation();
  if (state.kind === 'failed' && state.failure) {
    return (
      <span className="decl-draft decl-draft--failed" role="alert">
        {t('declaration.draft.failed', { reason: t(`errors.${state.failure}`) })}
      </span>
    );
  }
  if (state.kind === 'saving') {
    return <span className="decl-draft muted">{t('declaration.draft.saving')}</span>;
  }
  return (
    <span className="decl-draft muted">
      {state.savedAt
        ? t('declaration.draft.saved', { time: formatInstantInVietnam(state.savedAt).slice(-5) })
        : ''}
    </span>
  );
}
