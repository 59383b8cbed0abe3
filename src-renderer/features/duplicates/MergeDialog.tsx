import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState, type ReactElement } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import {
  mergeResidentsSchema,
  type DuplicateGroup,
  type MergeResidentsInput,
} from '../../../src-shared/schemas/duplicates';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { call } from '../../api/client';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import { applyServerIssues } from '../../components/issue-text';
import { memberLabel } from './member-label';

/**
 * The record with a personal ID, then the one with a declaration, then the oldest continues by
 * default: the likeliest to be the one the city already knows.
 */
function likelySurvivor(group: DuplicateGroup): DuplicateGroup['members'][number] {
  const ranked = [...group.members].sort(
    (a, b) =>
      Number(b.personalId !== '') - Number(a.personalId !== '') ||
      Number(b.declarationVersion > 0) - Number(a.declarationVersion > 0) ||
      a.createdAt.localeCompare(b.createdAt),
  );
  return ranked[0] as DuplicateGroup['members'][number];
}

/** Merging two records of one person: which continues, which is retired, and why. */
export function MergeDialog({
  group,
  onClose,
  onMerged,
}: {
  group: DuplicateGroup;
  onClose: () => void;
  onMerged: (survivor: ResidentRecord) => void;
}): ReactElement {
  const { t } = useTranslation();
  const formId = useId();
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const survivor = likelySurvivor(group);
  const retired = group.members.find((m) => m.id !== survivor.id) ?? survivor;
  const { register, handleSubmit, control, setValue, setError, setFocus, formState } = useForm<
    MergeResidentsInput,
    unknown,
    z.output<typeof mergeResidentsSchema>
  >({
    resolver: zodResolver(mergeResidentsSchema),
    defaultValues: {
      survivorId: survivor.id,
      survivorVersion: survivor.version,
      retiredId: retired.id,
      retiredVersion: retired.version,
      reason: '',
    },
  });
  const survivorId = useWatch({ control, name: 'survivorId' });
  const retiredId = useWatch({ control, name: 'retiredId' });
  const errors = formState.errors;

  // The versions travel with the choice, so a record changed meanwhile is refused (CONFLICT).
  useEffect(() => {
    const s = group.members.find((m) => m.id === survivorId);
    if (s) setValue('survivorVersion', s.version);
    const r = group.members.find((m) => m.id === retiredId);
    if (r) setValue('retiredVersion', r.version);
  }, [group.members, survivorId, retiredId, setValue]);

  useEffect(() => {
    setFocus('reason');
  }, [setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('resident.merge', values);
    if (result.ok) return onMerged(result.value);
    applyServerIssues(result.error, setError);
    setFailure(result.error.code);
  });

  const choice = (name: 'survivorId' | 'retiredId', legend: string): ReactElement => (
    <fieldset className="merge-choice">
      <legend>{legend}</legend>
      {group.members.map((m) => (
        <label key={m.id} className="check">
          <input type="radio" value={m.id} {...register(name)} />
          <span>{memberLabel(t, m)}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <FormDialog
      title={t('duplicates.merge.title', { name: survivor.fullName })}
      onClose={onClose}
      formId={formId}
      submitting={formState.isSubmitting}
      submitLabel={t('duplicates.merge.submit')}
      danger
    >
      <form id={formId} className="merge-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <p className="muted">{t('duplicates.merge.explain')}</p>
        {choice('survivorId', t('duplicates.merge.survivor'))}
        {choice('retiredId', t('duplicates.merge.retired'))}
        {errors.retiredId ? (
          <p className="banner banner--error" role="alert">
            {t('duplicates.merge.sameRecord')}
          </p>
        ) : null}
        <Field
          label={t('duplicates.merge.reason')}
          hint={t('duplicates.merge.reasonHint')}
          error={errors.reason?.message}
          required
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={2}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              {...register('reason')}
            />
          )}
        </Field>
        {failure ? (
          <p className="banner banner--error" role="alert">
            {t(`errors.${failure}`)}
          </p>
        ) : null}
      </form>
    </FormDialog>
  );
}
