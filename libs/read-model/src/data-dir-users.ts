import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * The servers running on a data dir: each api or projector process holds a lock of its own under
 * DATA_DIR/.servers (proper-lockfile: a directory whose mtime it refreshes; a killed process's lock
 * goes stale after STALE_MS). Several may run on one data dir (ROLE=api beside the projector);
 * `regtl rebuild` refuses while any does.
 */
const USERS = '.servers';
const STALE_MS = 10_000;
const options = (mark: string) => ({ realpath: false, lockfilePath: mark, stale: STALE_MS });

export interface DataDirUser {
  readonly pid: number;
  readonly mark: string;
}

/** The live servers on the data dir; stale locks (of killed processes) are removed on the way. */
export async function liveServersOn(dataDir: string): Promise<DataDirUser[]> {
  const users = path.join(dataDir, USERS);
  let names: string[];
  try {
    names = readdirSync(users);
  } catch {
    return [];
  }
  const live: DataDirUser[] = [];
  for (const name of names) {
    const mark = path.join(users, name);
    if (await lockfile.check(mark, options(mark)).catch(() => false)) live.push({ pid: Number(name.split('-')[0]), mark });
    else rmSync(mark, { recursive: true, force: true });
  }
  return live;
}

/**
 * Marks the data dir as used by this process until the returned release is called (or the process
 * exits). A lock that cannot be kept fresh (the directory removed, the disk gone) is reported, not fatal.
 */
export async function holdDataDir(dataDir: string, onLost: (message: string) => void): Promise<() => Promise<void>> {
  await liveServersOn(dataDir);
  mkdirSync(path.join(dataDir, USERS), { recursive: true });
  const mark = path.join(dataDir, USERS, `${process.pid}-${randomUUID()}`);
  const release = await lockfile.lock(mark, {
    ...options(mark),
    onCompromised: (error) => onLost(`the data dir's in-use lock ${mark} was lost (${error.message}): regtl rebuild cannot see this server`),
  });
  return async () => {
    await release().catch(() => undefined);
  };
}
