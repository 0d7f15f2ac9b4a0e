import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "./connection.ts";
import { acquireDataDirLock, DataDirLockedError } from "./lock.ts";

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "dt-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("refuses a second server on the same embedded data folder, with a clear message", async () => {
  const dir = fresh();
  const first = await openDatabase({ dataDir: dir });
  try {
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in process \d+/);
    await first.query("CREATE TABLE still_usable (x int)");
  } finally {
    await first.close();
  }
  const second = await openDatabase({ dataDir: dir });
  await second.close();
});

it("refuses a folder held by another living process", () => {
  const dir = fresh();
  // Process 1 (init) is always alive: a lock naming it is held by someone else.
  writeFileSync(join(dir, "server.lock"), "1");
  expect(() => acquireDataDirLock(dir)).toThrow(/process 1\b/);
});

it("takes over a lock left by a process that died", () => {
  const dir = fresh();
  writeFileSync(join(dir, "server.lock"), "999999999");
  const release = acquireDataDirLock(dir);
  release();
});
