import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNELS } from '../../src-shared/ipc/channels';
import { fail, type Result } from '../../src-shared/ipc/errors';

/** The part of `ipcMain` this file needs; tests pass a fake. */
export interface IpcHandleRegistry {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>,
  ): void;
}

export type FrameCheck = (frame: Pick<WebFrameMain, 'url' | 'parent'> | null) => boolean;

/**
 * Only the app's own top-level document may call in: a subframe, or any page that is not
 * our renderer, is refused (Electron security checklist, "Validate the sender of all IPC
 * messages").
 */
export function trustedFrameCheck(rendererUrl: string): FrameCheck {
  return (frame) =>
    frame !== null && frame.parent === null && isRendererUrl(frame.url, rendererUrl);
}

/**
 * Whether a URL is our renderer: the same file for a packaged or preview build (any hash),
 * the same origin (scheme, host and port, compared parsed, never as a string prefix) for the
 * development server.
 */
export function isRendererUrl(candidate: string, rendererUrl: string): boolean {
  let url: URL;
  let own: URL;
  try {
    url = new URL(candidate);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (own.protocol === 'file:')
    return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
  return url.origin === own.origin;
}

export function registerIpc(
  ipcMain: IpcHandleRegistry,
  dispatch: (channel: string, input: unknown) => Promise<Result<unknown>>,
  isTrusted: FrameCheck,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrusted(event.senderFrame)) return fail('FORBIDDEN', 'IPC from an untrusted frame.');
      return dispatch(channel, input);
    });
  }
}
