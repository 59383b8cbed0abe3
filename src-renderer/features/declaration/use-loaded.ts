import { useEffect, useState } from 'react';
import type { ErrorCode, Result } from '../../../src-shared/ipc/errors';

type Values<T extends readonly Result<unknown>[]> = {
  [K in keyof T]: Extract<T[K], { ok: true }>['value'];
};

export type LoadState<T> =
  { kind: 'loading' } | { kind: 'failed'; code: ErrorCode } | { kind: 'ready'; value: T };

/**
 * What a screen shows, asked of the main side when it opens (and again when `load` changes):
 * ready with every answer, in order, or failed with the code of the first refusal.
 */
export function useLoaded<T extends readonly Result<unknown>[]>(
  load: () => Promise<T>,
): LoadState<Values<T>> {
  const [state, setState] = useState<LoadState<Values<T>>>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void load().then((results) => {
      if (!live) return;
      const failure = results.find((result) => !result.ok);
      setState(
        failure && !failure.ok
          ? { kind: 'failed', code: failure.error.code }
          : {
              kind: 'ready',
              value: results.map((result) => (result.ok ? result.value : null)) as Values<T>,
            },
      );
    });
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}
