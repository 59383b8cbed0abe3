// Component tests of the renderer's screens: Vietnamese texts, a signed-in session, and the
// renderer's `call` answered in memory (by a script, or by a real test station).
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeAll } from 'vitest';
import type { Channel } from '../../src-shared/ipc/channels';
import type { Result } from '../../src-shared/ipc/errors';
import { IDLE_LOCK_MINUTES, type Session } from '../../src-shared/schemas/station';
import { memoryBridge } from '../../src-renderer/api/bridges';
import { setBridge } from '../../src-renderer/api/client';
import { SessionProvider } from '../../src-renderer/app/session';
import { initI18n } from '../../src-renderer/i18n';
import type { TestStation } from './station';

/** Call once at the top of a test file: texts in Vietnamese, each test's screen taken down after it. */
export function setUpScreenTests(): void {
  beforeAll(async () => {
    await initI18n('vi');
  });
  afterEach(() => cleanup());
}

/** jsdom has no modal dialogs yet: `showModal` and `close` only set and remove `open`. */
export function polyfillModalDialogs(): void {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

/**
 * Signed in at the station of Phường Bình Quới (26911, as `openSetUpStation` sets it up),
 * as its administrator unless `user` says otherwise.
 */
export function testSession(user: Partial<Session['user']> = {}): Session {
  return {
    user: {
      id: 'u1',
      username: 'admin',
      fullName: 'Trần Văn Quản',
      role: 'administrator',
      ...user,
    },
    station: {
      id: 's1',
      communeCode: '26911',
      name: 'Trạm Y tế phường Bình Quới',
      facilityCode: '79123',
      createdAt: '2026-01-01T00:00:00Z',
    },
    locked: false,
    mustChangePassword: false,
    idleLockMinutes: IDLE_LOCK_MINUTES.default,
    auditIntegrity: {
      ok: true,
      checked: 0,
      problem: null,
      atSeq: null,
      checkedAt: '2026-01-01T00:00:00Z',
    },
  };
}

/** Renders a screen inside the signed-in shell's session. */
export function renderSignedIn(ui: ReactElement, session: Session = testSession()): RenderResult {
  return render(
    <SessionProvider value={{ session, signOut: () => undefined }}>{ui}</SessionProvider>,
  );
}

export interface BridgeCall {
  channel: string;
  input: unknown;
}

/**
 * Answers the renderer's calls in memory with `answer`. The list returned fills with every
 * call, in order.
 */
export function answerCalls(
  answer: (channel: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>,
): BridgeCall[] {
  const calls: BridgeCall[] = [];
  setBridge(
    memoryBridge((channel, input) => {
      calls.push({ channel, input });
      return answer(channel, input);
    }),
  );
  return calls;
}

/** The real main side behind the screens: dispatch, handlers and SQLite of a test station. */
export function answerFromStation(station: TestStation): BridgeCall[] {
  return answerCalls((channel, input) => station.app.dispatch(channel as Channel, input));
}
