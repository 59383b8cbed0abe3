import { useCallback, useState } from 'react';
import type { AppError } from '../../../src-shared/ipc/errors';
import { call } from '../../api/client';
import { downloadBase64 } from '../admin/download';

export interface BundleDownload {
  /** Bundles handed to the save dialog during this visit. */
  downloaded: ReadonlySet<string>;
  busy: boolean;
  failure: AppError | null;
  download: (bundleIds: readonly string[]) => Promise<void>;
}

/**
 * Each bundle file goes through the browser's (or Electron's) save dialog, where she picks
 * the USB stick; "Tải tất cả" hands them over one after another, in sequence order.
 */
export function useBundleDownload(): BundleDownload {
  const [downloaded, setDownloaded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const download = useCallback(async (bundleIds: readonly string[]): Promise<void> => {
    setBusy(true);
    setFailure(null);
    for (const bundleId of bundleIds) {
      const result = await call('sync.bundleFile', { bundleId });
      if (!result.ok) {
        setFailure(result.error);
        break;
      }
      downloadBase64(result.value.fileName, result.value.base64, result.value.mimeType);
      setDownloaded((previous) => new Set(previous).add(bundleId));
    }
    setBusy(false);
  }, []);

  return { downloaded, busy, failure, download };
}
