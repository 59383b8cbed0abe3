import type { Page } from '@playwright/test';

/**
 * Tries what an injected attacker would: an inline script and a remote image. Returns whether
 * the script ran and which Content-Security-Policy directives refused what.
 */
export function probeContentSecurityPolicy(
  page: Page,
): Promise<{ inlineRan: boolean; violations: string[] }> {
  return page.evaluate(async () => {
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
}
