import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnrollment } from '../sync/keys';
import { describeCurrentKeys, cityPrivateKeysOf, type CityKeyRing } from './city-keys';
import { EXIT, UsageError, consoleIo, reportFailure, type CliIo } from './cli-support';
import {
  cityStorePaths,
  initCityStore,
  openCityStoreDatabase,
  readCityStoreKeys,
  rotateCityStoreKeys,
} from './data-directory';
import { DEFAULT_HOST, DEFAULT_PORT, startCityStoreServer } from './server';

/**
 * `npm run city-store -- <command>`: the reference city record store (docs/city-store.md).
 *
 *   init        --data-dir D            new keys, database key and database
 *   enroll      --data-dir D FILE       register (or update) a station's enrollment file
 *   stations    --data-dir D            list the enrolled stations
 *   serve       --data-dir D [--host H] [--port P] [--tls-cert F --tls-key F]
 *   rotate-keys --data-dir D            new current keys; the old ones are kept
 *
 * The data directory may also come from CITY_STORE_DATA_DIR.
 */
export const CITY_STORE_USAGE = [
  'Cách dùng (usage):',
  '  city-store init        --data-dir DIR',
  '  city-store enroll      --data-dir DIR ENROLLMENT-FILE',
  '  city-store stations    --data-dir DIR',
  `  city-store serve       --data-dir DIR [--host ${DEFAULT_HOST}] [--port ${DEFAULT_PORT}] [--tls-cert PEM --tls-key PEM]`,
  '  city-store rotate-keys --data-dir DIR',
].join('\n');

const KEY_USE_LABELS = {
  'bundle-encryption': 'Khóa mã hóa gói (bundle encryption key, X25519)',
  'receipt-signing': 'Khóa ký biên nhận (receipt signing key, Ed25519)',
} as const;

async function printCurrentKeys(ring: CityKeyRing, dataDirectory: string, io: CliIo) {
  io.out(`Khóa công khai (public keys, JWK Set): ${cityStorePaths(dataDirectory).publicKeys}`);
  for (const key of await describeCurrentKeys(ring)) {
    io.out(`  ${KEY_USE_LABELS[key.use]}`);
    io.out(`    kid: ${key.kid}`);
    io.out(`    Dấu vân tay (fingerprint): ${key.fingerprint}`);
  }
  io.out(
    'Đọc các dấu vân tay này cho trạm qua một kênh khác (điện thoại, văn bản có chữ ký) khi trạm nhập khóa.',
  );
  io.out('(Give these fingerprints to each station by another channel when it imports the keys.)');
}

function dataDirectoryOf(value: string | undefined, env: NodeJS.ProcessEnv): string {
  const directory = value ?? env.CITY_STORE_DATA_DIR;
  if (directory === undefined || directory === '') {
    throw new UsageError('Thiếu --data-dir (missing --data-dir).');
  }
  return resolve(directory);
}

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port ${value} is not a port number.`);
  }
  return port;
}

function waitForStop(io: CliIo): Promise<void> {
  return new Promise((resolveStop) => {
    if (io.stopSignal) {
      if (io.stopSignal.aborted) resolveStop();
      else io.stopSignal.addEventListener('abort', () => resolveStop(), { once: true });
      return;
    }
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
}

async function serve(
  dataDirectory: string,
  values: { host?: string; port?: string; 'tls-cert'?: string; 'tls-key'?: string },
  io: CliIo,
): Promise<void> {
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together.');
  }
  const ring = await readCityStoreKeys(dataDirectory);
  const storage = openCityStoreDatabase(dataDirectory);
  try {
    const server = await startCityStoreServer({
      storage,
      cityKeys: cityPrivateKeysOf(ring),
      host: values.host ?? DEFAULT_HOST,
      port: portOf(values.port),
      ...(certFile && keyFile
        ? { tls: { cert: readFileSync(certFile), key: readFileSync(keyFile) } }
        : {}),
      log: (line) => io.out(`${new Date().toISOString()} ${line}`),
    });
    const { stations, bundles } = storage.counts();
    io.out(`Kho dữ liệu thành phố (city record store): ${dataDirectory}`);
    io.out(`Trạm đã đăng ký (enrolled stations): ${stations}; gói đã nhận (bundles): ${bundles}`);
    io.out(`Đang nghe tại (listening on): ${server.url}`);
    await waitForStop(io);
    await server.close();
    io.out('Đã dừng (stopped).');
  } finally {
    storage.close();
  }
}

async function enroll(dataDirectory: string, file: string, io: CliIo): Promise<void> {
  const enrollment = await readEnrollment(readFileSync(file, 'utf8'));
  const storage = openCityStoreDatabase(dataDirectory);
  try {
    const replaced = storage.findStation(enrollment.station.stationCode) !== null;
    storage.enrollStation(enrollment, new Date().toISOString());
    const { station } = enrollment;
    io.out(
      replaced
        ? `Đã cập nhật khóa của trạm (station keys updated): ${station.stationCode}`
        : `Đã đăng ký trạm (station enrolled): ${station.stationCode}`,
    );
    io.out(
      `  ${station.name} — xã/phường (commune) ${station.communeCode}, cơ sở (facility) ${station.facilityCode}`,
    );
    io.out(`  Khóa trạm (station key): ${enrollment.stationKey.fingerprint}`);
    for (const supervisor of enrollment.supervisorKeys) {
      io.out(
        `  Người phụ trách (supervisor) ${supervisor.fullName} (${supervisor.username}): ${supervisor.key.fingerprint}`,
      );
    }
    io.out(
      'So các dấu vân tay này với trưởng trạm qua điện thoại hoặc văn bản có chữ ký trước khi nhận gói của trạm.',
    );
    io.out(
      '(Compare these fingerprints with the station head by telephone or on signed paper before accepting its bundles.)',
    );
  } finally {
    storage.close();
  }
}

function listStations(dataDirectory: string, io: CliIo): void {
  const storage = openCityStoreDatabase(dataDirectory);
  try {
    for (const { enrollment, enrolledAt } of storage.listStations()) {
      const { station } = enrollment;
      const last = storage.lastChainLink(station.stationCode);
      io.out(
        `${station.stationCode}\t${station.name}\t${station.communeCode}\t` +
          `đăng ký (enrolled) ${enrolledAt}\tgói cuối (last sequence) ${last?.sequence ?? '—'}`,
      );
    }
  } finally {
    storage.close();
  }
}

/** Runs one command; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = consoleIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(CITY_STORE_USAGE);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    const dataDirectory = dataDirectoryOf(values['data-dir'], env);
    switch (command) {
      case 'init': {
        const ring = await initCityStore(dataDirectory, new Date().toISOString());
        io.out(`Đã tạo kho dữ liệu thành phố (city record store created): ${dataDirectory}`);
        await printCurrentKeys(ring, dataDirectory, io);
        return EXIT.ok;
      }
      case 'enroll': {
        if (rest.length !== 1) throw new UsageError('enroll takes one enrollment file.');
        await enroll(dataDirectory, rest[0]!, io);
        return EXIT.ok;
      }
      case 'stations':
        listStations(dataDirectory, io);
        return EXIT.ok;
      case 'serve':
        await serve(dataDirectory, values, io);
        return EXIT.ok;
      case 'rotate-keys': {
        const ring = await rotateCityStoreKeys(dataDirectory, new Date().toISOString());
        io.out('Đã tạo khóa mới; các khóa cũ vẫn được giữ để mở gói và đối chiếu biên nhận cũ.');
        io.out(
          '(New keys created; the old ones are kept to open bundles in transit and check old receipts.)',
        );
        await printCurrentKeys(ring, dataDirectory, io);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`Lệnh không rõ (unknown command): ${command}`);
    }
  } catch (error) {
    return reportFailure(error, io, CITY_STORE_USAGE);
  }
}

// Run only as the built program (out/main/city-store.js), never when imported by a test.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
