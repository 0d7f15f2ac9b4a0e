import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFolderStorage, createMemoryStorage, createStorage, type ObjectStorage } from "./storage.ts";

const root = mkdtempSync(join(tmpdir(), "dongthuan-storage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const implementations: [string, () => ObjectStorage][] = [
  ["folder", () => createFolderStorage(join(root, "uploads"))],
  ["memory", () => createMemoryStorage()],
];

describe.each(implementations)("%s storage", (_name, make) => {
  const storage = make();

  it("stores, returns and deletes an object with its content type", async () => {
    const body = Buffer.from("%PDF-1.7 tệp thử");
    await storage.putObject("petitions/t1/a.pdf", body, "application/pdf");
    expect(await storage.getObject("petitions/t1/a.pdf")).toEqual({ body, contentType: "application/pdf" });
    await storage.deleteObject("petitions/t1/a.pdf");
    expect(await storage.getObject("petitions/t1/a.pdf")).toBeNull();
  });

  it("overwrites an object and deletes a missing one without complaint", async () => {
    await storage.putObject("k", Buffer.from("one"), "text/plain");
    await storage.putObject("k", Buffer.from("two"), "image/png");
    expect((await storage.getObject("k"))?.body.toString()).toBe("two");
    expect((await storage.getObject("k"))?.contentType).toBe("image/png");
    await storage.deleteObject("k");
    await expect(storage.deleteObject("k")).resolves.toBeUndefined();
  });

  it("refuses keys that could leave the storage or come from a user's file name", async () => {
    for (const key of ["../etc/passwd", "a/../../b", "/abs", "a//b", "tệp.pdf", "", ".hidden"]) {
      await expect(storage.putObject(key, Buffer.from("x"), "text/plain"), key).rejects.toThrow(
        /storage key/,
      );
    }
  });
});

describe("folder storage", () => {
  it("creates its folder on the first write and leaves no temporary files", async () => {
    const dir = join(root, "lazy");
    const storage = createStorage({ dir });
    expect(existsSync(dir)).toBe(false);
    await storage.putObject("x/y", Buffer.from("data"), "application/octet-stream");
    expect(readdirSync(join(dir, "x")).sort()).toEqual(["y", "y.type"]);
  });

  it("refuses an unknown kind by name", () => {
    expect(() => createStorage({ kind: "s4", dir: root })).toThrow(/UPLOAD_STORAGE/);
  });
});
