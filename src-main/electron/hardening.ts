import type { Session, WebContents } from 'electron';
import { isRendererUrl } from './ipc-registration';

/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security) applied to
 * every web contents: no new windows (§14), no navigation away from our renderer (§13), no
 * <webview> (§12), and every permission request denied (§5) — the app needs none of camera,
 * microphone, geolocation, notifications or the clipboard API. Only the parts of Electron's
 * objects that are used are required, so tests pass fakes.
 */
export type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

export function hardenWebContents(contents: HardenableContents, rendererUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
