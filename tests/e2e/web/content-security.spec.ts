import { expect, test } from './fixtures';

test('the page runs no injected script and loads no remote content (Content-Security-Policy)', async ({
  page,
  shell,
}) => {
  await page.goto(shell.launchUrl);
  await expect(page.getByRole('heading', { name: 'Thiết lập trạm y tế' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(event.effectiveDirective),
    );
    const inline = document.createElement('script');
    inline.textContent = 'globalThis.__inline = true';
    document.body.appendChild(inline);
    const remote = document.createElement('img');
    remote.src = 'https://example.com/pixel.png';
    document.body.appendChild(remote);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return {
      inlineRan: (globalThis as unknown as { __inline?: boolean }).__inline ?? false,
      violations: [...new Set(violations)].sort(),
    };
  });
  // No injected inline script runs and no remote content loads.
  expect(outcome).toEqual({ inlineRan: false, violations: ['img-src', 'script-src-elem'] });
});
