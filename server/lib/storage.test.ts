import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createFolderStorage,
  createMemoryStorage,
  createStorage,
  type ObjectStorage,
  storageFromEnvironment,
} from "./storage.ts";
import { describeStorageContract } from "./storage-contract.ts";

const root = mkdtempSync(join(tmpdir(), "dongthuan-storage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const implementations: [string, () => ObjectStorage][] = [
  ["folder", () => createFolderStorage(join(root, "uploads"))],
  ["memory", () => createMemoryStorage()],
];

for (const [name, make] of implementations) describeStorageContract(name, make);

describe("folder storage", () => {
  it("creates its folder on the first write and leaves no temporary files", async () => {
    const dir = join(root, "lazy");
    const storage = createStorage({ kind: "folder", dir });
    expect(existsSync(dir)).toBe(false);
    await storage.putObject("x/y", Buffer.from("data"), "application/octet-stream");
    expect(readdirSync(join(dir, "x")).sort()).toEqual(["y", "y.type"]);
  });

  it("refuses an unknown kind by name", () => {
    expect(() => storageFromEnvironment(root, { UPLOAD_STORAGE: "s4" })).toThrow(
      /UPLOAD_STORAGE must be "folder", "s3" or "memory"/,
    );
  });
});
