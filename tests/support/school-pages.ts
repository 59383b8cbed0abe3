import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects for the school screens, in the words on the screen (Vietnamese UI): schools
 * and classes, roster import, consent, and the keyboard-only screening-day grid.
 */

export interface SchoolDetails {
  name: string;
  /** As the level list shows it: 'Tiểu học', 'THCS', … */
  level?: string;
}

/** Opens "Trường học" from the top bar and adds a school. */
export async function addSchool(page: Page, school: SchoolDetails): Promise<Locator> {
  await page.getByRole('banner').getByRole('link', { name: 'Trường học' }).click();
  await expect(page.getByRole('heading', { name: 'Trường học', level: 1 })).toBeVisible();
  const form = page.getByRole('group', { name: 'Thêm trường' });
  await form.getByLabel('Tên trường').fill(school.name);
  if (school.level) await form.getByLabel('Cấp học').selectOption({ label: school.level });
  await form.getByRole('button', { name: 'Lưu trường' }).click();
  const card = page.getByRole('region', { name: school.name });
  await expect(card).toBeVisible();
  return card;
}

/** Adds a class to a school's card and opens it. */
export async function addClassAndOpen(
  page: Page,
  schoolCard: Locator,
  schoolClass: { name: string; grade: number; schoolYear: string },
): Promise<void> {
  const form = schoolCard.getByRole('group', { name: 'Thêm lớp' });
  await form.getByLabel('Lớp').fill(schoolClass.name);
  await form.getByLabel('Khối').selectOption(String(schoolClass.grade));
  await form.getByLabel('Năm học').fill(schoolClass.schoolYear);
  await form.getByRole('button', { name: 'Lưu lớp' }).click();
  await schoolCard.getByRole('link', { name: `Lớp ${schoolClass.name}` }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`^Lớp ${schoolClass.name}`) }),
  ).toBeVisible();
}

/**
 * From the class screen: import a roster file through mapping and preview, confirming it.
 * Returns once the import is reported and the class screen shows `expectedPupils` pupils.
 */
export async function importRoster(
  page: Page,
  filePath: string,
  expectedPupils: number,
  screenshot?: string,
): Promise<void> {
  await page.getByRole('link', { name: 'Nhập danh sách lớp' }).click();
  await expect(page.getByRole('heading', { name: /^Nhập danh sách lớp/ })).toBeVisible();
  await page.getByLabel('Tệp danh sách (.xlsx, .csv)').setInputFiles(filePath);
  await expect(page.getByRole('group', { name: 'Cột trong tệp' })).toBeVisible();
  await expect(page.getByText(/\d+ dòng đúng/)).toBeVisible();
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await page.getByRole('button', { name: `Nhập danh sách (${expectedPupils} học sinh)` }).click();
  await expect(page.getByText(/^Đã nhập:/)).toBeVisible();
  await page.getByRole('button', { name: 'Về lớp' }).click();
  await expect(page.getByText(`${expectedPupils} học sinh`)).toBeVisible();
}

/** Opens the screening-day grid of the class shown, for round I or II. */
export async function openScreeningDay(page: Page, round: 'I' | 'II'): Promise<Locator> {
  await page.getByRole('link', { name: `Ngày khám đợt ${round}`, exact: true }).click();
  await expect(
    page.getByRole('heading', { name: new RegExp(`^Ngày khám đợt ${round} —`) }),
  ).toBeVisible();
  return page.getByRole('table');
}

export function gridRow(page: Page, pupilName: string): Locator {
  return page.getByRole('row', { name: pupilName, exact: true });
}

/** The grid cell of one pupil, by its column header ('Cao (cm)', 'MP không kính', …). */
export function gridCell(page: Page, pupilName: string, column: string): Locator {
  return page.getByLabel(`${column} — ${pupilName}`, { exact: true });
}

/** Records the consent of guardian (and pupil, when asked) from the pupil's grid row. */
export async function recordConsent(
  page: Page,
  pupilName: string,
  guardianName: string,
): Promise<void> {
  await gridRow(page, pupilName).getByRole('button', { name: 'Ghi đồng ý' }).click();
  const dialog = page.getByRole('dialog', { name: `Đồng ý khám sức khỏe — ${pupilName}` });
  await dialog.getByLabel('Họ tên cha/mẹ hoặc người giám hộ').fill(guardianName);
  await dialog.getByLabel('Cha/mẹ hoặc người giám hộ đồng ý').check();
  const pupilTick = dialog.getByLabel('Học sinh (từ đủ 7 tuổi) đồng ý');
  if (await pupilTick.isVisible()) await pupilTick.check();
  await dialog.getByRole('button', { name: 'Lưu đồng ý' }).click();
  await expect(dialog).toBeHidden();
  await expect(gridRow(page, pupilName).getByRole('button', { name: 'Ghi đồng ý' })).toBeHidden();
}

/**
 * Types one pupil's round-I figures the way the nurse does: the keyboard only, Tab between
 * cells. Values are typed in column order from height; '' leaves a cell as it is.
 */
export async function typeRow(page: Page, pupilName: string, values: string[]): Promise<void> {
  await gridCell(page, pupilName, 'Cao (cm)').focus();
  for (const [i, value] of values.entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    if (value !== '') await page.keyboard.type(value);
  }
}

/** Waits for a row's saved marker. */
export async function expectRowSaved(page: Page, pupilName: string): Promise<void> {
  await expect(gridRow(page, pupilName).getByText('✓ Đã lưu')).toBeVisible();
}
