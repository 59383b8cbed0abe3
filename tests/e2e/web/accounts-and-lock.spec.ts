import { openStationFile } from '../../support/station';
import {
  ADMIN,
  changePassword,
  createAccount,
  lockScreen,
  openNewResidentForm,
  setUpStation,
  signInAs,
  signOut,
  unlock,
} from '../../support/pages';
import { startShellProcess } from '../../support/web-shell-process';
import { expect, test } from './fixtures';

const NURSE = {
  fullName: 'Phạm Thị Thu',
  username: 'thu.pt',
  role: 'Y tế trường học',
  temporaryPassword: 'tamthoi2026',
  ownPassword: 'thuhoa1990xanh',
};

test('an administrator creates a school nurse, who chooses her own password and cannot open accounts or the access log', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  const topBar = page.getByRole('banner');
  await expect(topBar.getByRole('link', { name: 'Nhật ký hoạt động' })).toBeVisible();
  await expect(topBar.getByRole('link', { name: 'Cài đặt' })).toBeVisible();

  await createAccount(page, NURSE);
  await expect(page.getByRole('row', { name: new RegExp(NURSE.fullName) })).toContainText(
    'Phải đổi mật khẩu',
  );
  await signOut(page);

  // First sign-in with the temporary password: nothing else until she chooses her own.
  await signInAs(page, { username: NURSE.username, password: NURSE.temporaryPassword });
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await expect(page.getByLabel('Mật khẩu hiện tại')).toBeFocused();
  await expect(page.getByRole('link', { name: /Sổ đăng ký người dân/ })).toHaveCount(0);

  // The same password again is refused, in Vietnamese, next to the field.
  await changePassword(page, {
    current: NURSE.temporaryPassword,
    next: NURSE.temporaryPassword,
  });
  await expect(page.getByText('Mật khẩu mới phải khác mật khẩu hiện tại')).toBeVisible();

  await changePassword(page, { current: NURSE.temporaryPassword, next: NURSE.ownPassword });
  await expect(topBar.getByRole('link', { name: /Sổ đăng ký người dân/ })).toBeVisible();
  await expect(topBar.getByText('Y tế trường học')).toBeVisible();

  // No way in for her role: no links, and the address shows "not allowed", never the screen.
  for (const label of ['Tài khoản', 'Cài đặt', 'Nhật ký hoạt động', 'Hồ sơ trùng']) {
    await expect(topBar.getByRole('link', { name: label, exact: true })).toHaveCount(0);
  }
  for (const hash of ['#/accounts', '#/audit', '#/settings', '#/duplicates']) {
    await page.goto(new URL(hash, page.url()).href);
    const headings = page.getByRole('main').getByRole('heading', { level: 1 });
    await expect(headings).toHaveText(['Không có quyền truy cập']);
  }

  // Next time her own password opens the shell directly.
  await signOut(page);
  await signInAs(page, { username: NURSE.username, password: NURSE.ownPassword });
  await expect(topBar.getByRole('link', { name: /Sổ đăng ký người dân/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toHaveCount(0);
});

test('the idle lock covers a half-filled form, keeps Tab inside, and unlocking gives the form back', async ({
  page,
  shell,
}) => {
  await page.clock.install();
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  const name = page.getByLabel('Họ và tên');
  await name.fill('Lê Thị Hồng');

  // Five idle minutes (the default) pass without a key or a mouse move.
  await page.clock.fastForward('06:00');
  const overlay = lockScreen(page);
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText(ADMIN.fullName);
  await expect(overlay).toContainText('Trạm Y tế phường Bình Quới');
  const password = overlay.getByLabel('Mật khẩu');
  await expect(password).toBeFocused();

  // The form underneath cannot be reached: Tab goes round the lock screen only, the
  // shortcuts of the screen underneath do nothing, and a click does not get through.
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Tab');
    expect(await overlay.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('F2');
  await expect(overlay).toBeVisible();
  await expect(name).not.toBeFocused();
  await expect(name.click({ timeout: 1000 })).rejects.toThrow();

  // A wrong password is said in Vietnamese; the right one returns to the form as it was.
  await password.fill('khongdung123');
  await password.press('Enter');
  await expect(overlay.getByText('Mật khẩu không đúng')).toBeVisible();
  await expect(password).toBeFocused();
  await unlock(page, ADMIN.password);
  await expect(name).toHaveValue('Lê Thị Hồng');
  await expect(page.getByRole('button', { name: 'Lưu người dân' })).toBeVisible();

  // Leaving the desk: Ctrl+L locks at once; the form survives that too.
  await name.click();
  await page.keyboard.press('Control+l');
  await expect(overlay).toBeVisible();
  await unlock(page, ADMIN.password);
  await expect(name).toHaveValue('Lê Thị Hồng');
  await expect(name).toBeFocused();
});

test('too many wrong passwords at the lock screen sign out, forget the session, and the sign-in says how long to wait', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await page.getByLabel('Họ và tên').fill('Lê Thị Hồng');
  await page.evaluate(() => window.sessionStorage.setItem('wardHealth.test.cache', 'Lê Thị Hồng'));

  await page.getByRole('banner').getByRole('button', { name: 'Khóa màn hình' }).click();
  const overlay = lockScreen(page);
  const password = overlay.getByLabel('Mật khẩu');
  await expect(password).toBeFocused();
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await password.fill(`khongdung${attempt}23`);
    await password.press('Enter');
    await expect(overlay.getByText('Mật khẩu không đúng')).toBeVisible();
  }
  await password.fill('khongdung523');
  await password.press('Enter');

  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByText('Nhập sai mật khẩu mở khóa quá nhiều lần')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('#/');
  // Everything of the session is gone from the tab but the bridge token (and the language).
  expect(await page.evaluate(() => Object.keys(window.sessionStorage))).toEqual([
    'wardHealth.bridgeToken',
  ]);

  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(
    /Tài khoản tạm khóa vì nhập sai mật khẩu nhiều lần\. Thử lại sau (30|29|28) giây\./,
  );
});

test('an edited access log puts a red banner in front of everyone until it is dealt with', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await expect(page.getByText(/Nhật ký hoạt động có dấu hiệu/)).toHaveCount(0);
  await shell.stop();

  // Someone with the database file in hand rewrites a row of the trail.
  const db = openStationFile(shell.dataDirectory);
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare('UPDATE audit_log SET user_name = ? WHERE seq = 1').run('Người khác');
  db.close();

  const restarted = await startShellProcess(shell.dataDirectory);
  try {
    await page.goto(restarted.launchUrl);
    await signInAs(page, ADMIN);
    const banner = page.getByRole('alert').filter({ hasText: 'Nhật ký hoạt động có dấu hiệu' });
    await expect(banner).toContainText(
      'Nhật ký hoạt động có dấu hiệu bị sửa hoặc xóa — báo ngay cho giám sát viên',
    );
    await expect(banner).toContainText('Có dòng nhật ký bị sửa, tại dòng số 1.');
    // On every screen, not only the first.
    await openNewResidentForm(page);
    await expect(banner).toBeVisible();
  } finally {
    await restarted.stop();
  }
});
