import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import type { DeclarationFormValues, DeclarationValues } from './form-values';

export const DRAFT_DELAY_MS = 600;

export interface DraftState {
  /** `pending`: changed, waiting for the pause in typing. */
  kind: 'idle' | 'pending' | 'saving' | 'saved' | 'failed';
  /** When the draft was last stored by this screen. */
  savedAt: string | null;
  failure: ErrorCode | null;
}

const INITIAL: DraftState = { kind: 'idle', savedAt: null, failure: null };

interface DraftAutosave {
  state: DraftState;
  /** Save now if anything changed (leaving the screen, hiding the window). */
  flush: () => void;
  /** Stop saving (while submitting, and for good once submitted). */
  pause: () => void;
  resume: () => void;
  /** The form now shows this content on this base, stored already or on purpose not: no save. */
  acceptAsSaved: (baseVersion: number) => void;
}

/**
 * Keeps a draft of the declaration on the main side while she types: ~600 ms after the last
 * change, and at once when the window is hidden or closed or the screen is left, so a crash
 * or a power cut costs at most the last keystrokes. The draft is the raw form content, valid
 * or not; nothing is saved while the form still equals what it was opened with.
 */
export function useDraftAutosave(
  form: UseFormReturn<DeclarationFormValues, unknown, DeclarationValues>,
  residentId: string,
  baseVersion: number,
): DraftAutosave {
  const { watch, getValues } = form;
  const [state, setState] = useState<DraftState>(INITIAL);
  // Read when a timer fires, not when it was set: the base may have moved in between.
  const base = useRef(baseVersion);
  const snapshot = useCallback(
    () => JSON.stringify({ baseVersion: base.current, data: getValues() }),
    [getValues],
  );
  const lastStored = useRef<string | null>(null);
  const timer = useRef<number | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const paused = useRef(false);
  /** The latest `save`, for the follow-up save and for leaving the screen. */
  const saveRef = useRef<() => void>(() => undefined);

  const cancelTimer = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const save = useCallback((): void => {
    cancelTimer();
    if (paused.current) return;
    const current = snapshot();
    if (current === lastStored.current) {
      setState((s) => (s.kind === 'pending' ? { ...s, kind: 'idle' } : s));
      return;
    }
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setState((s) => ({ ...s, kind: 'saving' }));
    const { baseVersion: base, data } = JSON.parse(current) as {
      baseVersion: number;
      data: Record<string, unknown>;
    };
    void call('declaration.saveDraft', { residentId, baseVersion: base, data }).then((result) => {
      inFlight.current = false;
      if (result.ok) {
        lastStored.current = current;
        setState({ kind: 'saved', savedAt: result.value.savedAt, failure: null });
      } else {
        setState((s) => ({ ...s, kind: 'failed', failure: result.error.code }));
      }
      if (again.current) {
        again.current = false;
        saveRef.current();
      }
    });
  }, [residentId, snapshot]);

  const schedule = useCallback((): void => {
    if (paused.current) return;
    cancelTimer();
    setState((s) => (s.kind === 'saving' || s.kind === 'pending' ? s : { ...s, kind: 'pending' }));
    timer.current = window.setTimeout(save, DRAFT_DELAY_MS);
  }, [save]);

  // What the form holds once mounted (registration may fill in defaults) is the baseline.
  useEffect(() => {
    if (lastStored.current === null) lastStored.current = snapshot();
  }, [snapshot]);

  useEffect(() => {
    const subscription = watch(() => schedule());
    return () => subscription.unsubscribe();
  }, [watch, schedule]);

  // A new base version (continuing after a conflict) is a change of the draft too.
  useEffect(() => {
    if (baseVersion === base.current) return;
    base.current = baseVersion;
    schedule();
  }, [baseVersion, schedule]);

  useEffect(() => {
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') save();
    };
    window.addEventListener('beforeunload', save);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', save);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [save]);

  // Leaving the screen (a link, Alt+N, F2) within the debounce still keeps the last keystrokes.
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  useEffect(() => () => saveRef.current(), []);

  return {
    state,
    flush: save,
    pause: useCallback(() => {
      paused.current = true;
      cancelTimer();
    }, []),
    resume: useCallback(() => {
      paused.current = false;
      schedule();
    }, [schedule]),
    acceptAsSaved: useCallback(
      (nextBase: number) => {
        cancelTimer();
        base.current = nextBase;
        lastStored.current = snapshot();
        setState(INITIAL);
      },
      [snapshot],
    ),
  };
}
