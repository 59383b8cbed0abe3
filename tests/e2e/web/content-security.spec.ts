import { expect, test } from './fixtures';
import { probeContentSecurityPolicy } from '../../support/csp-probe';

test('the page runs no injected script and loads no remote content (Content-Security-Policy)', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await expect(page.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
  const outcome = await probeContentSecurityPolicy(page);
  // No injected inline script runs and no remote content loads.
  expect(outcome).toEqual({ inlineRan: false, violations: ['img-src', 'script-src-elem'] });
});
