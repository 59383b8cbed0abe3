import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { main as cityStoreCli } from '../../../src-main/city-store/cli';
import { CITY_STORE_FILES } from '../../../src-main/city-store/data-directory';
import { readCityKeyFile } from '../../../src-main/sync/keys';
import { readableFingerprint } from '../../../src-shared/sync/enrollment';
import {
  changePassword,
  createAccount,
  fillResidentForm,
  openNewResidentForm,
  setUpStation,
  signInAs,
  signOut,
} from '../../support/pages';
import { expect, test } from './fixtures';

const SUPERVISOR = {
  fullName: 'Nguyễn Thị Lan',
  username: 'lan.nt',
  role: 'Giám sát viên',
  temporaryPassword: 'tamthoi2026',
};
const OWN_PASSWORD = 'matkhau-rieng-2026';

/** The reference city record store, in this test's process, on a free port. */
async function startCityStore(dataDirectory: string) {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  expect(await cityStoreCli(['init', '--data-dir', dataDirectory], io)).toBe(0);
  const stop = new AbortController();
  const serving = cityStoreCli(['serve', '--data-dir', dataDirectory, '--port', '0'], {
    ...io,
    stopSignal: stop.signal,
  });
  let url: string | undefined;
  while (url === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    url = /listening on\): (\S+)/.exec(lines.join('\n'))?.[1];
  }
  return {
    url,
    io,
    stop: async () => {
      stop.abort();
      await serving;
    },
  };
}

async function importCityKey(page: Page, file: string, fingerprint: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Nhập khóa Thành phố' });
  await form.getByLabel('Tệp khóa (JWK)').setInputFiles(file);
  await form.getByLabel('Dấu vân tay do Thành phố cung cấp').fill(fingerprint);
  await form.getByRole('button', { name: 'Kiểm tra và nhập khóa' }).click();
  await expect(page.getByText('Đã nhập khóa: dấu vân tay khớp.')).toBeVisible();
}

test('a supervisor exports a signed bundle, uploads it to the city store and sees it receipted', async ({
  page,
  shell,
}) => {
  const cityDir = mkdtempSync(join(tmpdir(), 'city-store-e2e-'));
  const city = await startCityStore(cityDir);
  try {
    const publicKeys = join(cityDir, CITY_STORE_FILES.publicKeys);
    const keys = await readCityKeyFile(readFileSync(publicKeys, 'utf8'));

    // The administrator: a resident to send, a supervisor, the city's keys and address.
    await page.goto(shell.launchUrl);
    await setUpStation(page);
    await openNewResidentForm(page);
    await fillResidentForm(page, {
      fullName: 'Lê Thị Hoa',
      sex: 'Nữ',
      birthDate: '03071958',
      personalId: '079158004321',
      commune: 'Bình Quới',
      street: '8 Bình Quới',
    });
    await page.getByRole('button', { name: 'Lưu người dân' }).click();
    await expect(page.getByRole('button', { name: 'Khai báo sức khỏe' })).toBeVisible();
    await createAccount(page, SUPERVISOR);
    await page.getByRole('banner').getByRole('link', { name: 'Đồng bộ', exact: true }).click();
    for (const key of keys) await importCityKey(page, publicKeys, readableFingerprint(key.kid));
    await page.getByLabel('Địa chỉ (https://…)').fill(city.url);
    await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
    await expect(page.getByText('Đã lưu địa chỉ.')).toBeVisible();
    await signOut(page);

    // The supervisor: her signing key, then the enrollment file the city registers.
    await signInAs(page, { username: SUPERVISOR.username, password: SUPERVISOR.temporaryPassword });
    await changePassword(page, { current: SUPERVISOR.temporaryPassword, next: OWN_PASSWORD });
    await page.getByRole('banner').getByRole('link', { name: 'Đồng bộ', exact: true }).click();
    const keyForm = page.getByRole('form', { name: 'Khóa ký của bạn' });
    await keyForm.getByLabel('Mật khẩu của bạn').fill(OWN_PASSWORD);
    await keyForm.getByRole('button', { name: 'Tạo khóa ký' }).click();
    await expect(page.getByText('Đã thiết lập. Dấu vân tay:')).toBeVisible();
    const enrolling = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải tệp đăng ký' }).click();
    const enrollment = await (await enrolling).path();
    expect(await cityStoreCli(['enroll', '--data-dir', cityDir, enrollment], city.io)).toBe(0);

    // Export: her password unlocks her key; the bundle is signed, encrypted and stored.
    const band = page.getByRole('region', { name: 'Tình trạng đồng bộ' });
    await expect(band.locator('dt', { hasText: 'Chờ gửi' }).locator('+ dd')).toHaveText('1');
    const exportForm = page.getByRole('form', { name: 'Chọn dữ liệu cần xuất' });
    await exportForm.getByLabel('Mật khẩu của bạn').fill(OWN_PASSWORD);
    await exportForm.getByRole('button', { name: 'Bắt đầu xuất' }).click();
    await expect(page.getByText(/^Đã xuất 1 gói/)).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page
      .getByRole('button', { name: /^Tải tệp / })
      .first()
      .click();
    const bundleFile = readFileSync(await (await downloading).path(), 'utf8');
    expect(JSON.parse(bundleFile)).toMatchObject({ signatures: [{}, {}] });
    expect(bundleFile).not.toContain('Lê Thị Hoa');

    // Upload: the city's signed receipt comes back and the change is acknowledged.
    await page.getByRole('button', { name: 'Gửi 1 gói chờ biên nhận' }).click();
    await expect(page.getByText('Đã nhận biên nhận')).toBeVisible();
    const history = page.getByRole('region', { name: 'Lịch sử gói' });
    await expect(history.getByText('Đã có biên nhận')).toBeVisible();
    await expect(band.locator('dt', { hasText: 'Chờ gửi' }).locator('+ dd')).toHaveText('0');
    await page.screenshot({ path: 'test-results/screens/sync-receipted.png', fullPage: true });
  } finally {
    await city.stop();
    rmSync(cityDir, { recursive: true, force: true });
  }
});
