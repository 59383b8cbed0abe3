import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { AppError } from '../../../../src-shared/ipc/errors';
import type { ResidentSummary } from '../../../../src-shared/schemas/resident';
import { call } from '../../../api/client';

/** The list is virtualised, so a long page of matches costs nothing to show. */
export const SEARCH_LIMIT = 200;
const DEBOUNCE_MS = 120;

export interface SearchState {
  /** The query these results answer; differs from the typed one while a search is pending. */
  query: string | null;
  kind: 'identifier' | 'name' | 'empty';
  results: ResidentSummary[];
  error: AppError | null;
}

const INITIAL: SearchState = { query: null, kind: 'empty', results: [], error: null };

/**
 * Searches as she types: debounced, and an older answer never replaces a newer one.
 * `onAnswer` hears each answer that is shown (the screen uses it to finish an early Enter).
 */
export function useResidentSearch(
  query: string,
  onAnswer: (query: string, results: ResidentSummary[]) => void = () => undefined,
): SearchState {
  const [state, setState] = useState<SearchState>(INITIAL);
  const latest = useRef(0);
  const answered = useEffectEvent(onAnswer);
  useEffect(() => {
    const ticket = ++latest.current;
    const timer = window.setTimeout(() => {
      void call('resident.search', { query, limit: SEARCH_LIMIT }).then((result) => {
        // A slow name search can finish after a quicker ID search typed later.
        if (ticket !== latest.current) return;
        setState(
          result.ok
            ? { query, kind: result.value.kind, results: result.value.results, error: null }
            : { query, kind: 'empty', results: [], error: result.error },
        );
        answered(query, result.ok ? result.value.results : []);
      });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);
  return state;
}
