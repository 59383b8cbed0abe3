import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const DATA_DIR_ENV = 'WARD_HEALTH_DATA_DIR';
export const DATABASE_FILE = 'station.sqlite3';

/**
 * Where the station's data lives: `--data-dir <path>` (or `--data-dir=<path>`), else the
 * WARD_HEALTH_DATA_DIR environment variable, else the platform default (Electron `userData`,
 * or `.data/` beside the project for the browser shell).
 */
export function resolveDataDirectory(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  fallback: string,
): string {
  let chosen: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--data-dir' && argv[i + 1]) chosen = argv[i + 1];
    else if (arg.startsWith('--data-dir=')) chosen = arg.slice('--data-dir='.length);
  });
  const directory = resolve(chosen ?? env[DATA_DIR_ENV] ?? fallback);
  mkdirSync(directory, { recursive: true });
  return directory;
}
