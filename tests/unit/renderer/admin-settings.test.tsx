// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src-shared/schemas/station';
import { SESSION_CHANGED_EVENT } from '../../../src-renderer/app/events';
import { SettingsScreen } from '../../../src-renderer/features/admin/SettingsScreen';
import {
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  testSession,
} from '../../support/render';
import { openSetUpStation, type TestStation } from '../../support/station';

setUpScreenTests();

describe('the station settings screen', () => {
  let station: TestStation;
  let session: Session;

  beforeEach(async () => {
    station = await openSetUpStation();
    session = (await station.must('auth.session', {}))!;
    answerFromStation(station);
  });
  afterEach(() => station.dispose());

  const minutes = () =>
    screen.getByRole('spinbutton', { name: /^Tự khóa màn hình sau \(phút\)/ }) as HTMLInputElement;

  it('saves the idle lock minutes with a confirmation and says when they apply', async () => {
    const user = userEvent.setup();
    let announced = 0;
    const onChanged = (): void => void (announced += 1);
    window.addEventListener(SESSION_CHANGED_EVENT, onChanged);
    renderSignedIn(<SettingsScreen />, session);
    await waitFor(() => expect(minutes().value).toBe('5'));
    expect(document.activeElement).toBe(minutes());
    expect(screen.getByText(/Từ 1 đến 60 phút/)).toBeTruthy();

    await user.clear(minutes());
    await user.type(minutes(), '15');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));

    expect(
      await screen.findByText(
        /Đã lưu: màn hình tự khóa sau 15 phút.*áp dụng từ lần đăng nhập hoặc mở khóa tiếp theo/,
      ),
    ).toBeTruthy();
    window.removeEventListener(SESSION_CHANGED_EVENT, onChanged);
    expect(announced).toBe(1);
    expect(await station.must('settings.get', {})).toEqual({ idleLockMinutes: 15 });
  });

  it('refuses minutes outside the bounds before asking the station', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsScreen />, session);
    await waitFor(() => expect(minutes().value).toBe('5'));
    await user.clear(minutes());
    await user.type(minutes(), '61{Enter}');
    expect(await screen.findByText('Không lớn hơn 60')).toBeTruthy();
    await user.clear(minutes());
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Nhập một số')).toBeTruthy();
    expect(await station.must('settings.get', {})).toEqual({ idleLockMinutes: 5 });
  });

  it('shows the setting to other roles without a way to change it', async () => {
    renderSignedIn(<SettingsScreen />, testSession({ role: 'supervisor' }));
    await waitFor(() => expect(minutes().value).toBe('5'));
    expect(minutes().readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Lưu cài đặt' })).toBeNull();
    expect(screen.getByText('Chỉ quản trị viên thay đổi được cài đặt này.')).toBeTruthy();
  });
});
