// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../src-shared/schemas/station';
import { SESSION_CHANGED_EVENT } from '../../../src-renderer/app/events';
import { SessionProvider } from '../../../src-renderer/app/session';
import { SettingsScreen } from '../../../src-renderer/features/admin/SettingsScreen';
import {
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  polyfillModalDialogs,
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
    expect(screen.getByText(/Từ 1 đến 60 phút/)).not.toBeNull();

    await user.clear(minutes());
    await user.type(minutes(), '15');
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));

    expect(
      await screen.findByText(
        /Đã lưu: màn hình tự khóa sau 15 phút.*áp dụng từ lần đăng nhập hoặc mở khóa tiếp theo/,
      ),
    ).not.toBeNull();
    window.removeEventListener(SESSION_CHANGED_EVENT, onChanged);
    expect(announced).toBe(1);
    expect(await station.must('settings.get', {})).toEqual({
      idleLockMinutes: 15,
      childBloodPressureTable: 'aap2017',
    });
  });

  it('refuses minutes outside the bounds before asking the station', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SettingsScreen />, session);
    await waitFor(() => expect(minutes().value).toBe('5'));
    await user.clear(minutes());
    await user.type(minutes(), '61{Enter}');
    expect(await screen.findByText('Không lớn hơn 60')).not.toBeNull();
    await user.clear(minutes());
    await user.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Nhập một số')).not.toBeNull();
    expect(await station.must('settings.get', {})).toEqual({
      idleLockMinutes: 5,
      childBloodPressureTable: 'aap2017',
    });
  });

  it('shows the setting to other roles without a way to change it', async () => {
    renderSignedIn(<SettingsScreen />, testSession({ role: 'supervisor' }));
    await waitFor(() => expect(minutes().value).toBe('5'));
    expect(minutes().readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Lưu cài đặt' })).toBeNull();
    expect(screen.getByText('Chỉ quản trị viên thay đổi được cài đặt này.')).not.toBeNull();
  });
});

describe('backup and restore on the settings screen', () => {
  let station: TestStation;
  let session: Session;
  polyfillModalDialogs();

  beforeEach(async () => {
    station = await openSetUpStation();
    session = (await station.must('auth.session', {}))!;
    answerFromStation(station);
  });
  afterEach(() => station.dispose());

  const PASSPHRASE = 'tram y te binh quoi';

  it('downloads an encrypted backup, then restores it after a confirmation and signs out', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:backup';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const signOut = vi.fn();
    render(
      <SessionProvider value={{ session, signOut }}>
        <SettingsScreen />
      </SessionProvider>,
    );
    expect(await screen.findByRole('group', { name: 'Sao lưu và khôi phục' })).not.toBeNull();

    await user.type(screen.getByLabelText(/^Cụm mật khẩu sao lưu/), 'ngan');
    await user.type(screen.getByLabelText(/^Nhập lại cụm mật khẩu/), 'khac');
    await user.click(screen.getByRole('button', { name: 'Tạo và tải bản sao lưu' }));
    expect(await screen.findByText('Hai cụm mật khẩu không khớp')).not.toBeNull();
    expect(names).toHaveLength(0);

    await user.clear(screen.getByLabelText(/^Cụm mật khẩu sao lưu/));
    await user.type(screen.getByLabelText(/^Cụm mật khẩu sao lưu/), PASSPHRASE);
    await user.clear(screen.getByLabelText(/^Nhập lại cụm mật khẩu/));
    await user.type(screen.getByLabelText(/^Nhập lại cụm mật khẩu/), `${PASSPHRASE}{Enter}`);
    expect(
      await screen.findByText(/^Đã tải bản sao lưu sao-luu-26911-.*\.whsbackup/),
    ).not.toBeNull();
    expect(names[0]).toMatch(/\.whsbackup$/);

    // Restore that file: the confirmation says everything is replaced; then back to sign-in.
    const bytes = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.readAsArrayBuffer(blobs[0]!);
    });
    const file = new File([bytes], names[0]!, { type: 'application/octet-stream' });
    await user.upload(screen.getByLabelText(/^Tệp sao lưu/), file);
    expect(
      await screen.findByText(/^Bản sao lưu của Trạm Y tế phường Bình Quới \(26911\)/),
    ).not.toBeNull();
    await user.type(
      screen.getByLabelText(/^Cụm mật khẩu của bản sao lưu/),
      'sai mat khau roi{Enter}',
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Thay toàn bộ dữ liệu trên máy này?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Thay toàn bộ dữ liệu' }));
    expect(await screen.findByText(/^Không mở được bản sao lưu/)).not.toBeNull();
    expect(signOut).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText(/^Cụm mật khẩu của bản sao lưu/));
    await user.type(screen.getByLabelText(/^Cụm mật khẩu của bản sao lưu/), `${PASSPHRASE}{Enter}`);
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Thay toàn bộ dữ liệu',
      }),
    );
    await waitFor(() => expect(signOut).toHaveBeenCalledTimes(1));
    expect(await station.must('auth.session', {})).toBeNull();
  });

  it('shows supervisors how to back up but not how to restore', async () => {
    renderSignedIn(<SettingsScreen />, testSession({ role: 'supervisor' }));
    expect(await screen.findByRole('button', { name: 'Tạo và tải bản sao lưu' })).not.toBeNull();
    expect(screen.queryByLabelText(/^Tệp sao lưu/)).toBeNull();
    expect(screen.getByText('Chỉ quản trị viên khôi phục được bản sao lưu.')).not.toBeNull();
  });
});
