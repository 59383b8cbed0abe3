import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  registerIpc,
  trustedFrameCheck,
  type IpcHandleRegistry,
} from '../../../src-main/electron/ipc-registration';
import { CHANNELS } from '../../../src-shared/ipc/channels';
import { ok, type Result } from '../../../src-shared/ipc/errors';

/** As src-main/electron/main.ts builds it: the file URL of the packaged renderer's index.html. */
const RENDERER_URL = 'file:///opt/ward-health/resources/app/out/renderer/index.html';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const registry: IpcHandleRegistry = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  return { registry, handlers };
}

function eventFrom(frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const topFrame = { url: `${RENDERER_URL}#/residents`, parent: null };

function setUp() {
  const { registry, handlers } = fakeIpcMain();
  const dispatch = vi.fn(async (channel: string, input: unknown): Promise<Result<unknown>> =>
    ok({ channel, input }),
  );
  registerIpc(registry, dispatch, trustedFrameCheck(RENDERER_URL));
  const invoke = (
    channel: string,
    frame: { url: string; parent: unknown } | null,
    input: unknown,
  ) => handlers.get(channel)!(eventFrom(frame), input);
  return { handlers, dispatch, invoke };
}

describe('IPC registration in the Electron main process', () => {
  it('registers exactly one handler for every channel of the contract', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it("passes a call from the renderer's top frame to dispatch with its channel and input", async () => {
    const { dispatch, invoke } = setUp();
    const result = await invoke('resident.search', topFrame, { query: 'nguyen thi anh' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('resident.search', { query: 'nguyen thi anh' });
    expect(result).toEqual({
      ok: true,
      value: { channel: 'resident.search', input: { query: 'nguyen thi anh' } },
    });
  });

  it('refuses a call from a subframe, even one showing our own page', async () => {
    const { dispatch, invoke } = setUp();
    const subframe = { url: RENDERER_URL, parent: topFrame };
    const result = await invoke('resident.search', subframe, { query: 'anh' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/phishing.html'],
    ['another page next to ours', 'file:///opt/ward-health/resources/app/out/renderer/other.html'],
    ['the dev server of someone else', 'http://127.0.0.1:5173/'],
  ])('refuses a call from %s and never reaches dispatch', async (_label, url) => {
    const { dispatch, invoke } = setUp();
    for (const channel of CHANNELS) {
      const result = await invoke(channel, { url, parent: null }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a call whose sender frame is gone (navigated away or destroyed)', async () => {
    const { dispatch, invoke } = setUp();
    expect(await invoke('auth.signIn', null, { username: 'admin', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('in development, refuses a look-alike of the dev server origin (port 51730, or another host)', () => {
    const isTrusted = trustedFrameCheck('http://localhost:5173');
    expect(isTrusted({ url: 'http://localhost:5173/', parent: null })).toBe(true);
    expect(isTrusted({ url: 'http://localhost:5173/#/residents', parent: null })).toBe(true);
    expect(isTrusted({ url: 'http://localhost:51730/', parent: null })).toBe(false);
    expect(isTrusted({ url: 'http://localhost:5173.evil.example/', parent: null })).toBe(false);
    expect(isTrusted({ url: 'http://localhost:5173@evil.example/', parent: null })).toBe(false);
  });
});
