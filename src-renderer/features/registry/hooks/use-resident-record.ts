import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../src-shared/ipc/errors';
import type { ResidentMerges } from '../../../../src-shared/schemas/duplicates';
import type { ResidentRecord } from '../../../../src-shared/schemas/resident';
import { call } from '../../../api/client';

export type RecordState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | {
      status: 'ready';
      record: ResidentRecord;
      declarationVersion: number;
      merges: ResidentMerges;
    };

/** Loads one resident (nothing when `id` is null); `reload` fetches the newest version. */
export function useResidentRecord(id: string | null): { state: RecordState; reload: () => void } {
  const [state, setState] = useState<RecordState>(id ? { status: 'loading' } : { status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void call('resident.get', { id }).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? {
              status: 'ready',
              record: result.value.record,
              declarationVersion: result.value.declarationVersion,
              merges: result.value.merges,
            }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [id, attempt]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((a) => a + 1);
  }, []);
  return { state, reload };
}
