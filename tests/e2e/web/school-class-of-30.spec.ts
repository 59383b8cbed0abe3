import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpStation } from '../../support/pages';
import { readPdf } from '../../support/pdf-text';
import { writeClassRosterXlsx, type FixturePupil } from '../../support/roster-fixtures';
import {
  addClassAndOpen,
  addSchool,
  expectRowSaved,
  gridCell,
  importRoster,
  openScreeningDay,
  recordConsent,
} from '../../support/school-pages';
import { expect, test } from './fixtures';

/** The current school year (from August), so every grade-5 pupil is 9½ to 11½ years old. */
function schoolYearNow(): { start: number; label: string } {
  const now = new Date();
  const start = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  return { start, label: `${start}-${start + 1}` };
}

/**
 * Weights for a 140 cm pupil aged 9½–11½, checked against WHO 2007 BMI-for-age for both
 * sexes over that whole age range: 26 kg is thinness (z < −2, not < −3), 32.5 kg normal,
 * 41 kg overweight (z > +1, not > +2), 52 kg obesity (z > +2).
 */
const PLAN: readonly ('normal' | 'thin' | 'overweight' | 'obese' | 'absent')[] = [
  ...Array<'normal'>(20).fill('normal'),
  ...Array<'thin'>(4).fill('thin'),
  ...Array<'overweight'>(3).fill('overweight'),
  ...Array<'obese'>(2).fill('obese'),
  'absent',
];
const WEIGHT = { normal: '32,5', thin: '26', overweight: '41', obese: '52' } as const;

test.setTimeout(120_000);

test('a class of 30 imported from Excel, measured by keyboard, summarised, and a parent letter printed', async ({
  page,
  shell,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'class-30-'));
  const year = schoolYearNow();
  const { path, pupils } = await writeClassRosterXlsx(dir, {
    pupils: 30,
    schoolYearStart: year.start,
  });
  const guardianOf = new Map(pupils.map((p: FixturePupil) => [p.fullName, p.guardianName]));

  await page.goto(shell.launchUrl);
  await setUpStation(page);
  const school = await addSchool(page, { name: 'Trường Tiểu học Bình Quới', level: 'Tiểu học' });
  await addClassAndOpen(page, school, { name: '5A', grade: 5, schoolYear: year.label });
  await importRoster(page, path, 30);

  const grid = await openScreeningDay(page, 'I');
  // The grid lists the class by given name, as the school's register does.
  await expect(grid.locator('tbody tr')).toHaveCount(30);
  const names = (await grid.locator('tbody tr th').allTextContents()).map((n) => n.trim());
  expect(new Set(names)).toEqual(new Set(guardianOf.keys()));
  for (const name of names) {
    await recordConsent(page, name, guardianOf.get(name) as string);
  }

  // The keyboard only: height, Tab, weight, back to height, Enter to the next pupil.
  await gridCell(page, names[0] as string, 'Cao (cm)').focus();
  for (const [i, plan] of PLAN.entries()) {
    const name = names[i] as string;
    await expect(gridCell(page, name, 'Cao (cm)')).toBeFocused();
    if (plan === 'absent') {
      await page.keyboard.press('Alt+KeyV');
    } else {
      await page.keyboard.type('140');
      await page.keyboard.press('Tab');
      await page.keyboard.type(WEIGHT[plan]);
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    await expectRowSaved(page, name);
  }

  await page.getByRole('link', { name: /^Lớp 5A/ }).click();
  await page.getByRole('link', { name: 'Tổng hợp đợt I', exact: true }).click();
  const counts = page.locator('.report-counts');
  await expect(counts).toContainText('Sĩ số30');
  await expect(counts).toContainText('Đã khám29');
  await expect(counts).toContainText('Vắng1');
  await expect(counts).toContainText('Chưa khám0');
  const summary = page.getByRole('table', { name: 'Kết quả theo từng mục' });
  await expect(summary.getByRole('row', { name: /^Bình thường 20 69,0 %$/ })).toBeVisible();
  await expect(summary.getByRole('row', { name: /^Gầy 4 13,8 %$/ })).toBeVisible();
  await expect(summary.getByRole('row', { name: /^Thừa cân 3 10,3 %$/ })).toBeVisible();
  await expect(summary.getByRole('row', { name: /^Béo phì 2 6,9 %$/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/school-class-of-30.png', fullPage: true });

  // One thin pupil's letter, in Vietnamese, for her parents.
  const thin = names[20] as string;
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Tải thông báo cho phụ huynh em ${thin}` }).click();
  const pdf = readPdf(readFileSync(await (await downloading).path()));
  const text = pdf.pages.join(' ');
  expect(pdf.pages).toHaveLength(1);
  expect(text).toContain(thin);
  expect(text).toContain('Gầy');
  expect(text).not.toContain(names[0] as string);
  rmSync(dir, { recursive: true, force: true });
});
