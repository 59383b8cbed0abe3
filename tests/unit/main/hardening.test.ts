import { describe, expect, it } from 'vitest';
import {
  denyAllPermissions,
  hardenWebContents,
  type HardenableContents,
} from '../../../src-main/electron/hardening';

const RENDERER = 'file:///opt/ward-health-station/resources/app.asar/out/renderer/index.html';

type Listener = (
  event: { preventDefault(): void; defaultPrevented?: boolean },
  url?: string,
) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    on: (name: string, listener: Listener) => listeners.set(name, listener),
  } as unknown as HardenableContents;
  const fire = (name: string, url?: string): boolean => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('the hardened window', () => {
  it('opens no new window, whatever the page asks for', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, RENDERER);
    expect(fake.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.open(RENDERER)).toEqual({ action: 'deny' });
  });

  it('never navigates or redirects away from the station app, but moves between its own screens', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, RENDERER);
    expect(fake.fire('will-navigate', 'https://phishing.example/login')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(fake.fire('will-navigate', `${RENDERER}#/residents/new`)).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, RENDERER);
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('denies every permission request and check (camera, microphone, location, notifications)', () => {
    const handlers: {
      request?: (c: unknown, p: string, cb: (granted: boolean) => void) => void;
      check?: (...args: unknown[]) => boolean;
    } = {};
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof handlers.request) => (handlers.request = h),
      setPermissionCheckHandler: (h: typeof handlers.check) => (handlers.check = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const answers: boolean[] = [];
      handlers.request?.(null, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
    }
    expect(handlers.check?.(null, 'media', 'file://', {})).toBe(false);
  });
});
