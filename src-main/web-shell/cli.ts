import { join } from 'node:path';
import { resolveDataDirectory } from '../app/data-directory';
import { DATABASE_KEY_NAME, openStationApp } from '../app/station-app';
import { APP_VERSION } from '../app/version';
import { FileSecretStore } from '../security/secret-store';
import { startWebShell } from './server';

/**
 * `npm run web`: the station app in a browser, for machines where Electron cannot run.
 * Options: --data-dir <path> (default .data/station), --port <n> (default random).
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portArg = argv.find((a, i) => argv[i - 1] === '--port' || a.startsWith('--port='));
  const port = portArg ? Number(portArg.replace('--port=', '')) : 0;
  const dataDirectory = resolveDataDirectory(
    argv,
    process.env,
    join(process.cwd(), '.data', 'station'),
  );
  // The browser shell keeps the database key in a file beside the database: it is a test and
  // demonstration tool, and this does not protect the data (docs/security.md).
  const secretStore = new FileSecretStore(dataDirectory);
  const app = openStationApp({
    dataDirectory,
    shell: 'browser',
    version: APP_VERSION,
    secretStore,
  });
  const shell = await startWebShell({
    app,
    rendererDirectory: join(__dirname, '..', 'renderer'),
    port,
  });
  console.log(`Ward Health Station ${APP_VERSION} — browser shell`);
  console.log(`Data directory: ${dataDirectory}`);
  console.log(
    `Database key: ${secretStore.fileFor(DATABASE_KEY_NAME)} (a plain file that does not protect the data)`,
  );
  console.log(`Open: ${shell.launchUrl}`);
  const stop = (): void => {
    void shell.close().then(() => {
      app.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
