import { test as base } from '@playwright/test';
import {
  removeDirectory,
  startShellProcess,
  type ShellProcess,
} from '../../support/web-shell-process';

/** Each test gets its own station: a fresh data directory behind its own browser shell. */
export const test = base.extend<{ shell: ShellProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  shell: async ({}, use) => {
    const shell = await startShellProcess();
    await use(shell);
    await shell.stop();
    removeDirectory(shell.dataDirectory);
  },
});

export { expect } from '@playwright/test';
