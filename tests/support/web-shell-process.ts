import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built browser shell (`npm run web`), started on a fresh data directory for one test. */
export interface ShellProcess {
  launchUrl: string;
  dataDirectory: string;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL), as a power cut or a crash would. */
  kill(): Promise<void>;
}

const CLI = join(__dirname, '..', '..', 'out', 'main', 'web-shell.js');

export async function startShellProcess(dataDirectory?: string): Promise<ShellProcess> {
  const directory = dataDirectory ?? mkdtempSync(join(tmpdir(), 'ward-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [CLI, '--data-dir', directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The browser shell did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser shell exited (${code}). Did "npm run build" run?\n${output}`));
    });
  });
  return {
    launchUrl,
    dataDirectory: directory,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}
