import { readFileSync } from 'node:fs';
import { readPdf } from '../../support/pdf-text';
import { fillResidentForm, openNewResidentForm, setUpStation } from '../../support/pages';
import { expect, test } from './fixtures';

const ANH = {
  fullName: 'Nguyễn Thị Ánh',
  sex: 'Nữ' as const,
  birthDate: '12041985',
  personalId: '079185001234',
  phone: '0903123456',
  commune: 'binh quoi',
  street: '12 đường Bình Quới',
};

test('Nguyễn Thị Ánh withdraws city sharing at the counter and takes her record away as a PDF', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await setUpStation(page);
  await openNewResidentForm(page);
  await fillResidentForm(page, ANH);
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Khai báo sức khỏe' }).click();
  await page.getByLabel('Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế').check();
  await page.getByLabel('Đồng ý chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố').check();
  await page.getByRole('button', { name: 'Lưu tờ khai' }).click();
  await expect(page.getByRole('link', { name: 'Lần 1' })).toBeVisible();

  await page.getByRole('button', { name: 'Quyền của người dân' }).click();
  await expect(page.getByRole('heading', { name: 'Quyền của người dân' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tải bản PDF (để in, đọc)' })).toBeFocused();

  await page
    .getByRole('button', {
      name: 'Rút lại sự đồng ý: Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
    })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/không được gửi lên hệ thống hồ sơ sức khỏe/)).toBeVisible();
  await expect(dialog.getByLabel('Lý do')).toBeFocused();
  await page.keyboard.type('Không muốn dữ liệu rời khỏi trạm');
  await dialog.getByRole('button', { name: 'Xác nhận rút lại' }).click();
  await expect(dialog).toBeHidden();
  const consent = page.getByRole('region', { name: 'Sự đồng ý xử lý dữ liệu' });
  await expect(
    consent.getByRole('row', { name: /Chia sẻ với hệ thống/ }).getByText('Đã rút lại'),
  ).toBeVisible();
  const log = page.getByRole('region', { name: 'Các yêu cầu đã ghi nhận' });
  await expect(log.getByText('Không muốn dữ liệu rời khỏi trạm')).toBeVisible();
  await expect(log.getByText('Đang có hiệu lực')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải bản PDF (để in, đọc)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^ho-so-nguoi-dan-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/,
  );
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdf = readPdf(bytes);
  expect(pdf.pageCount).toBeGreaterThan(0);
  // Table cells wrap: read the text as one flow.
  const text = pdf.pages.join('\n').replace(/\s*\n\s*/g, ' ');
  expect(text).toContain('Nguyễn Thị Ánh');
  expect(text).toContain('Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố');
  expect(text).toContain('Không muốn dữ liệu rời khỏi trạm');
  await expect(page.getByText(/^Đã tạo tệp ho-so-nguoi-dan-.*\.pdf\.$/)).toBeVisible();

  // Esc goes back to her record.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Nguyễn Thị Ánh' })).toBeVisible();
});
