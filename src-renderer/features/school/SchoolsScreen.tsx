import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import {
  classInputSchema,
  SCHOOL_LEVELS,
  schoolInputSchema,
} from '../../../src-shared/schemas/school';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { routePath } from '../../app/routes';
import { Field } from '../../components/Field';
import { FailedPage, LoadingPage } from '../../components/PageStatus';
import { TextInputField } from '../../components/TextInputField';
import { applyServerIssues } from '../../components/issue-text';
import { currentSchoolYear } from './school-display';
import './school.css';

type School = ChannelOutput<'school.list'>[number];
type SchoolClass = ChannelOutput<'class.list'>[number];

function NewSchoolForm({ onSaved }: { onSaved: (school: School) => void }): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const empty = {
    id: null,
    name: '',
    level: 'primary' as const,
    communeCode: session.station.communeCode,
    address: '',
  };
  const { register, handleSubmit, formState, reset, setError } = useForm<
    z.input<typeof schoolInputSchema>,
    unknown,
    z.output<typeof schoolInputSchema>
  >({ resolver: zodResolver(schoolInputSchema), defaultValues: empty });
  const [failure, setFailure] = useState<ErrorCode | null>(null);
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('school.save', values);
    if (result.ok) {
      reset(empty);
      onSaved(result.value);
    } else if (applyServerIssues(result.error, setError) === 0) setFailure(result.error.code);
  });
  return (
    <form className="card school-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <fieldset className="school-form__fields">
        <legend>{t('school.schools.add')}</legend>
        <TextInputField
          label={t('school.schools.name')}
          registration={register('name')}
          error={formState.errors.name?.message}
          required
        />
        <Field label={t('school.schools.level')}>
          {({ id }) => (
            <select id={id} className="input" {...register('level')}>
              {SCHOOL_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(`school.levels.${level}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextInputField
          label={t('school.schools.address')}
          registration={register('address')}
          error={formState.errors.address?.message}
        />
        <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
          {t('school.schools.save')}
        </button>
      </fieldset>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${failure}`)}
        </p>
      ) : null}
    </form>
  );
}

function NewClassForm({
  schoolId,
  onSaved,
}: {
  schoolId: string;
  onSaved: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const empty = {
    id: null,
    schoolId,
    schoolYear: currentSchoolYear(new Date()),
    name: '',
    grade: 1,
  };
  const { register, handleSubmit, formState, reset, setError } = useForm<
    z.input<typeof classInputSchema>,
    unknown,
    z.output<typeof classInputSchema>
  >({ resolver: zodResolver(classInputSchema), defaultValues: empty });
  const [failure, setFailure] = useState<string | null>(null);
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await call('class.save', values);
    if (result.ok) {
      reset(empty);
      onSaved();
      return;
    }
    if (result.error.details?.['reason'] === 'CLASS_NAME_TAKEN') {
      setError('name', { type: 'server', message: t('school.classes.nameTaken') });
    } else if (applyServerIssues(result.error, setError) === 0) {
      setFailure(t(`errors.${result.error.code}`));
    }
  });
  return (
    <form className="school-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <fieldset className="school-form__fields">
        <legend>{t('school.classes.add')}</legend>
        <TextInputField
          label={t('school.classes.name')}
          registration={register('name')}
          error={formState.errors.name?.message}
          inputClassName="input--code"
          required
        />
        <Field label={t('school.classes.grade')} error={formState.errors.grade?.message}>
          {({ id }) => (
            <select id={id} className="input" {...register('grade', { valueAsNumber: true })}>
              {Array.from({ length: 13 }, (_, grade) => (
                <option key={grade} value={grade}>
                  {grade === 0 ? t('school.classes.preschool') : grade}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextInputField
          label={t('school.classes.schoolYear')}
          registration={register('schoolYear')}
          error={formState.errors.schoolYear?.message}
          inputClassName="input--code"
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {t('school.classes.save')}
        </button>
      </fieldset>
      {failure ? (
        <p className="banner banner--error" role="alert">
          {failure}
        </p>
      ) : null}
    </form>
  );
}

function SchoolCard({ school }: { school: School }): ReactElement {
  const { t } = useTranslation();
  const [classes, setClasses] = useState<SchoolClass[] | null>(null);
  const load = useCallback(() => {
    void call('class.list', { schoolId: school.id }).then((result) => {
      setClasses(result.ok ? result.value : []);
    });
  }, [school.id]);
  useEffect(load, [load]);
  return (
    <section className="card school-card" aria-label={school.name}>
      <h2>
        {school.name} <span className="muted">· {t(`school.levels.${school.level}`)}</span>
      </h2>
      {classes === null ? null : classes.length === 0 ? (
        <p className="muted">{t('school.classes.none')}</p>
      ) : (
        <table className="table school-card__classes">
          <thead>
            <tr>
              <th scope="col">{t('school.classes.name')}</th>
              <th scope="col">{t('school.classes.schoolYear')}</th>
              <th scope="col">{t('school.classes.pupils')}</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={routePath({ name: 'schoolClass', classId: c.id })}>
                    {t('school.classes.link', { name: c.name })}
                  </a>
                </td>
                <td>{c.schoolYear}</td>
                <td>{c.pupilCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewClassForm schoolId={school.id} onSaved={load} />
    </section>
  );
}

/** Schools the station screens, and their classes per school year. */
export function SchoolsScreen(): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; code: ErrorCode }
    | { status: 'ready'; schools: School[] }
  >({ status: 'loading' });
  const load = useCallback(() => {
    void call('school.list', {}).then((result) =>
      setState(
        result.ok
          ? { status: 'ready', schools: result.value }
          : { status: 'error', code: result.error.code },
      ),
    );
  }, []);
  useEffect(load, [load]);
  if (state.status === 'loading') return <LoadingPage text={t('common.loading')} />;
  if (state.status === 'error') return <FailedPage code={state.code}>{null}</FailedPage>;
  return (
    <div className="page school-page">
      <header className="page__head">
        <h1>{t('school.schools.title')}</h1>
      </header>
      <p className="muted">{t('school.schools.intro')}</p>
      {state.schools.map((school) => (
        <SchoolCard key={school.id} school={school} />
      ))}
      <NewSchoolForm onSaved={load} />
    </div>
  );
}
