import { beforeAll, describe, expect, it } from "vitest";
import type { ObjectStorage } from "./storage.ts";

/**
 * The behaviour every `ObjectStorage` kind must have, as Vitest cases: storage.test.ts runs it
 * over the folder and memory kinds, s3.test.ts over the S3 kind against a real S3 server.
 */
export function describeStorageContract(name: string, make: () => ObjectStorage | Promise<ObjectStorage>) {
  describe(`${name} storage`, () => {
    let storage: ObjectStorage;
    beforeAll(async () => {
      storage = await make();
    });

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

    it("returns null for an object that was never stored", async () => {
      expect(await storage.getObject("never/stored.bin")).toBeNull();
    });

    it("keeps binary bodies byte for byte", async () => {
      const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await storage.putObject("bin/all-bytes", body, "application/octet-stream");
      expect((await storage.getObject("bin/all-bytes"))?.body.equals(body)).toBe(true);
      await storage.deleteObject("bin/all-bytes");
    });

    it("refuses keys that could leave the storage or come from a user's file name", async () => {
      for (const key of ["../etc/passwd", "a/../../b", "/abs", "a//b", "tệp.pdf", "", ".hidden"]) {
        await expect(storage.putObject(key, Buffer.from("x"), "text/plain"), key).rejects.toThrow(
          /storage key/,
        );
      }
    });
  });
}
