import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../../src-shared/ipc/contract';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import type { ExportJob } from './sync-display';

/** Often enough for a bar that moves smoothly, rarely enough to leave the main side to work. */
export const EXPORT_POLL_MS = 300;

export interface ExportJobControl {
  job: ExportJob | null;
  /** A refused start, cancel or progress call (the job itself may still be running). */
  failure: AppError | null;
  starting: boolean;
  start: (input: ChannelInput<'sync.startExport'>) => Promise<boolean>;
  cancel: () => Promise<void>;
  /** Follows the job again after a progress call was refused (a locked screen, say). */
  resume: () => void;
  reset: () => void;
}

/**
 * One export job: started, then followed through `sync.exportProgress` every
 * EXPORT_POLL_MS while it runs, one request at a time. `onSettled` hears the job once it is
 * done, cancelled or failed, so the screen can read the counts again.
 */
export function useExportJob(onSettled: (job: ExportJob) => void): ExportJobControl {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const settledRef = useRef(onSettled);
  const reportedRef = useRef<string | null>(null);
  useEffect(() => {
    settledRef.current = onSettled;
  }, [onSettled]);

  const take = useCallback((next: ExportJob) => {
    setJob(next);
    if (next.state !== 'running' && reportedRef.current !== next.jobId) {
      reportedRef.current = next.jobId;
      settledRef.current(next);
    }
  }, []);

  useEffect(() => {
    if (job?.state !== 'running' || failure !== null) return;
    const jobId = job.jobId;
    let stopped = false;
    const timer = window.setTimeout(() => {
      void call('sync.exportProgress', { jobId }).then((result) => {
        if (stopped) return;
        if (result.ok) take(result.value);
        else setFailure(result.error);
      });
    }, EXPORT_POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [job, failure, take]);

  const start = useCallback(
    async (input: ChannelInput<'sync.startExport'>): Promise<boolean> => {
      setFailure(null);
      setStarting(true);
      const result = await call('sync.startExport', input);
      setStarting(false);
      if (!result.ok) {
        setFailure(result.error);
        return false;
      }
      take(result.value);
      return true;
    },
    [take],
  );

  const cancel = useCallback(async (): Promise<void> => {
    if (!job) return;
    const result = await call('sync.cancelExport', { jobId: job.jobId });
    if (result.ok) take(result.value);
    else setFailure(result.error);
  }, [job, take]);

  const reset = useCallback(() => {
    setJob(null);
    setFailure(null);
  }, []);

  const resume = useCallback(() => setFailure(null), []);

  return { job, failure, starting, start, cancel, resume, reset };
}
