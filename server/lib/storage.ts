import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";

/**
 * Where uploaded files live: one small interface, so that a folder (the default, under
 * `DATA_DIR/uploads`) and S3-compatible object storage are interchangeable.
 *
 * Keys are relative, slash-separated names such as `petitions/<tenant>/<uuid>`: they are
 * chosen by the server, never taken from a file name a user sent.
 *
 * Adding S3 later: implement `ObjectStorage` with `@aws-sdk/client-s3` — `putObject` as
 * PutObjectCommand (Bucket, Key, Body, ContentType), `getObject` as GetObjectCommand returning
 * null on `NoSuchKey`, `deleteObject` as DeleteObjectCommand (idempotent there too) — and choose
 * it in `createStorage` from settings such as S3_ENDPOINT, S3_BUCKET, S3_REGION and the
 * credentials from the environment. Nothing else changes: callers only see this interface, and
 * several app servers then share the files, as ARCHITECTURE.md requires of a national install.
 */
export interface StoredObject {
  body: Buffer;
  contentType: string;
}

export interface ObjectStorage {
  readonly kind: "folder" | "memory";
  putObject(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none. */
  getObject(key: string): Promise<StoredObject | null>;
  /** Deleting a missing object is not an error: clean-up may run twice. */
  deleteObject(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 512 || key.split("/").some((part) => part === "." || part === "..")) {
    throw new Error(`Not a valid storage key: ${JSON.stringify(key.slice(0, 80))}`);
  }
  return key;
}

/**
 * Files in a folder: the body in `<key>`, its content type in `<key>.type`. Writes go to a
 * temporary name first and are renamed into place, so a reader never sees half a file.
 */
export function createFolderStorage(root: string): ObjectStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(join(base, ...checkKey(key).split("/")));
    if (!path.startsWith(base + sep)) throw new Error("A storage key must stay inside the storage folder");
    return path;
  };
  const atomicWrite = async (path: string, data: Buffer | string) => {
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, path);
  };
  return {
    kind: "folder",
    async putObject(key, body, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await atomicWrite(`${path}.type`, contentType);
      await atomicWrite(path, body);
    },
    async getObject(key) {
      const path = pathOf(key);
      try {
        const [body, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, "utf8")]);
        return { body, contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async deleteObject(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
  };
}

/** Objects in the process's memory: for tests and throwaway demos, never for real files. */
export function createMemoryStorage(): ObjectStorage {
  const objects = new Map<string, StoredObject>();
  return {
    kind: "memory",
    async putObject(key, body, contentType) {
      objects.set(checkKey(key), { body: Buffer.from(body), contentType });
    },
    async getObject(key) {
      const found = objects.get(checkKey(key));
      return found ? { body: Buffer.from(found.body), contentType: found.contentType } : null;
    },
    async deleteObject(key) {
      objects.delete(checkKey(key));
    },
  };
}

/**
 * The storage every upload of the server uses, from the environment: UPLOAD_STORAGE (`folder`,
 * the default, or `memory` for tests) and UPLOAD_DIR (default DATA_DIR/uploads).
 */
export function storageFromEnvironment(dataDir: string, env: NodeJS.ProcessEnv = process.env): ObjectStorage {
  return createStorage({
    kind: env.UPLOAD_STORAGE?.trim(),
    dir: env.UPLOAD_DIR?.trim() || `${dataDir}/uploads`,
  });
}

/** The storage the settings name: `memory`, or a folder (created on the first write). */
export function createStorage(options: { kind?: string; dir: string }): ObjectStorage {
  if (options.kind === "memory") return createMemoryStorage();
  if (options.kind && options.kind !== "folder") {
    throw new Error(`UPLOAD_STORAGE must be "folder" or "memory" (got "${options.kind}")`);
  }
  return createFolderStorage(options.dir);
}
