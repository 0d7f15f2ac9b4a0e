import { randomBytes } from "node:crypto";
import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { parseStorageSettings, type StorageSettings } from "../config-sections.ts";
import { createS3Storage, type S3Settings } from "./s3.ts";

/**
 * Where uploaded files live: one small interface, so that a folder (the default, under
 * `DATA_DIR/uploads`) and S3-compatible object storage are interchangeable.
 *
 * Keys are relative, slash-separated names such as `petitions/<tenant>/<uuid>`: they are
 * chosen by the server, never taken from a file name a user sent.
 *
 * S3-compatible storage (AWS S3, MinIO, Ceph, Garage, cloud object stores) is the `s3` kind, a
 * small SigV4 client over fetch in `s3.ts`, chosen with UPLOAD_STORAGE=s3 and the S3_* settings.
 * Callers only see this interface; with S3 several app servers share the files, as
 * ARCHITECTURE.md requires of a national install.
 */
export interface StoredObject {
  body: Buffer;
  contentType: string;
}

export interface ObjectStorage {
  readonly kind: "folder" | "memory" | "s3";
  putObject(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none. */
  getObject(key: string): Promise<StoredObject | null>;
  /** Deleting a missing object is not an error: clean-up may run twice. */
  deleteObject(key: string): Promise<void>;
  /** The key of every stored object, sorted: what a backup copies. */
  listKeys(): Promise<string[]>;
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
    async listKeys() {
      const keys: string[] = [];
      const walk = async (dir: string, prefix: string) => {
        let entries: Dirent[];
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
          throw error;
        }
        for (const entry of entries) {
          const key = `${prefix}${entry.name}`;
          if (entry.isDirectory()) await walk(join(dir, entry.name), `${key}/`);
          // Neither the content types beside each body nor a write's temporary file is an object.
          else if (
            entry.isFile() &&
            !entry.name.endsWith(".type") &&
            !entry.name.endsWith(".tmp") &&
            KEY.test(key)
          )
            keys.push(key);
        }
      };
      await walk(base, "");
      return keys.sort();
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
    async listKeys() {
      return [...objects.keys()].sort();
    },
  };
}

/**
 * The storage the settings name (`config.storage`, server/config-sections.ts): `memory`, `s3`
 * (a wrong endpoint or prefix fails here, at start), or a folder (created on the first write).
 */
export function createStorage(settings: {
  kind: StorageSettings["kind"];
  dir: string;
  s3?: S3Settings | null;
}): ObjectStorage {
  if (settings.kind === "memory") return createMemoryStorage();
  if (settings.kind === "s3") {
    if (!settings.s3) throw new Error("UPLOAD_STORAGE=s3 needs the S3 settings");
    return createS3Storage(settings.s3);
  }
  return createFolderStorage(settings.dir);
}

/** The storage a set of variables names (UPLOAD_STORAGE, UPLOAD_DIR, S3_…): for tests and tools. */
export function storageFromEnvironment(dataDir: string, env: NodeJS.ProcessEnv): ObjectStorage {
  return createStorage(parseStorageSettings(env, dataDir));
}
