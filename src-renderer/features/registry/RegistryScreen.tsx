import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentSummary } from '../../../src-shared/schemas/resident';
import { FOCUS_SEARCH_EVENT } from '../../app/events';
import { navigate } from '../../app/routes';
import { useSession } from '../../app/session';
import { optionId, ResultList } from './components/ResultList';
import { SEARCH_LIMIT, useResidentSearch } from './hooks/use-resident-search';
import './registry.css';
import { onSignOut } from '../../app/session';

/**
 * The last query, so coming back from a resident (F2, Esc) shows the same results. Tied to the
 * signed-in user: the next person at the workstation starts with an empty box.
 */
let remembered = { userId: '', query: '' };
// What she searched for names people: it goes with the session.
onSignOut(() => {
  remembered = { userId: '', query: '' };
});

const PAGE = 10;

/** The registry: one search box for names (accents optional), IDs, BHYT and phone numbers. */
export function RegistryScreen(): ReactElement {
  const { t } = useTranslation();
  const { session } = useSession();
  const userId = session.user.id;
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(() => (remembered.userId === userId ? remembered.query : ''));
  const open = (resident: ResidentSummary | undefined): void => {
    if (resident) navigate({ name: 'resident', id: resident.id });
  };

  // Enter pressed before the answer came (a card reader types the number and Enter at once).
  const openWhenAnswered = useRef<string | null>(null);
  const search = useResidentSearch(query, (answeredQuery, found) => {
    if (openWhenAnswered.current !== answeredQuery) return;
    openWhenAnswered.current = null;
    // Only an unambiguous answer opens by itself; namesakes wait for her to choose.
    if (found.length === 1) open(found[0]);
  });
  const results = search.results;
  // The cursor belongs to one result list; a new list starts again at its first row.
  const [cursor, setCursor] = useState<{ results: readonly ResidentSummary[]; index: number }>({
    results,
    index: 0,
  });
  const active =
    cursor.results === results ? Math.min(cursor.index, Math.max(results.length - 1, 0)) : 0;
  const pending = search.query !== query;

  useEffect(() => {
    const input = inputRef.current;
    input?.focus();
    input?.select();
    const focusSearch = (): void => {
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener(FOCUS_SEARCH_EVENT, focusSearch);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focusSearch);
  }, []);

  const changeQuery = (next: string): void => {
    remembered = { userId, query: next };
    openWhenAnswered.current = null;
    setQuery(next);
  };

  const moveTo = (index: number): void => {
    if (results.length === 0) return;
    setCursor({ results, index: Math.min(Math.max(index, 0), results.length - 1) });
  };

  const onNavigationKey = (event: KeyboardEvent<HTMLElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        moveTo(active - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        moveTo(active + PAGE);
        break;
      case 'PageUp':
        event.preventDefault();
        moveTo(active - PAGE);
        break;
      case 'Enter':
        event.preventDefault();
        // Results of an older query must not open while the new one is on its way.
        if (pending) openWhenAnswered.current = query;
        else open(results[active]);
        break;
      case 'Escape':
        if (query !== '') {
          event.preventDefault();
          changeQuery('');
          inputRef.current?.focus();
        }
        break;
    }
  };

  const trimmed = query.trim();
  const countText =
    search.kind === 'empty'
      ? t('registry.search.recent', { count: results.length })
      : results.length >= SEARCH_LIMIT
        ? t('registry.search.countMore', { max: SEARCH_LIMIT })
        : t('registry.search.count', { count: results.length });

  return (
    <div className="page registry">
      <div className="page__head">
        <h1>{t('registry.title')}</h1>
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => navigate({ name: 'residentNew' })}
          >
            {t('registry.newResident')}
          </button>
          <kbd>Alt+N</kbd>
        </div>
      </div>

      <div className="registry__search field">
        <label htmlFor={inputId} className="field__label">
          {t('registry.search.label')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="search"
          className="input registry__search-input"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results.length > 0 ? optionId(listId, active) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          placeholder={t('registry.search.placeholder')}
          value={query}
          onChange={(event) => changeQuery(event.target.value)}
          onKeyDown={onNavigationKey}
        />
        <span id={hintId} className="field__hint">
          {t('registry.search.hint')}
        </span>
      </div>

      <div className="registry__meta">
        <span role="status" aria-live="polite">
          {pending ? t('registry.search.searching') : search.error ? '' : countText}
        </span>
        <span className="registry__keys">
          <kbd>↑</kbd>
          <kbd>↓</kbd> {t('registry.keys.move')} · <kbd>Enter</kbd> {t('registry.keys.open')} ·{' '}
          <kbd>Esc</kbd> {t('registry.keys.clear')} · <kbd>F2</kbd> {t('registry.keys.focus')}
        </span>
      </div>

      {search.error ? (
        <p className="banner banner--error" role="alert">
          {t(`errors.${search.error.code}`)}
        </p>
      ) : null}

      {search.query !== null && !search.error && results.length === 0 ? (
        <div className="registry__empty card">
          <p>
            {search.kind === 'empty' || trimmed === ''
              ? t('registry.empty.noResidents')
              : t('registry.empty.noMatch', { query: search.query.trim() })}
          </p>
          <p className="muted">{t('registry.empty.hint')}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate({ name: 'residentNew' })}
          >
            {t('registry.newResident')}
          </button>
        </div>
      ) : (
        <ResultList
          id={listId}
          label={t('registry.search.resultsLabel')}
          results={results}
          active={active}
          onActivate={moveTo}
          onOpen={open}
          onKeyDown={onNavigationKey}
        />
      )}
    </div>
  );
}
