import { Unzip, UnzipInflate, unzipSync } from "fflate";

/**
 * The zip container of an uploaded .docx, read with fflate. mammoth drops Word's automatic
 * numbering, so the importer reads word/numbering.xml itself and needs the parts one by one.
 *
 * The file is untrusted: the entries are listed from the central directory without inflating
 * anything, and only a part the reader asks for is inflated, a little compressed input at a
 * time, so that a part growing past the limit is stopped while it inflates, whatever size its
 * headers claim.
 */

export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  read(): Buffer;
}

export interface ZipLimits {
  /** The most bytes one part may unpack to. */
  maxEntryBytes: number;
}

/**
 * No part of a real Word document comes near this (the text itself is refused beyond 2 million
 * characters); a part that unpacks past it is a zip bomb.
 */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * Compressed bytes given to the inflater at a time. Deflate expands at most about 1,032 times,
 * so a part is stopped within about 16 MiB past the limit.
 */
const CHUNK_BYTES = 16 * 1024;

export function isZip(buf: Uint8Array): boolean {
  return (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    (buf[2] === 3 || buf[2] === 5) &&
    (buf[3] === 4 || buf[3] === 6)
  );
}

interface Listed {
  name: string;
  originalSize: number;
  compression: number;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The archive's entries by name (backslashes read as slashes); nothing is inflated until read. */
export function readZip(
  input: Uint8Array,
  limits: ZipLimits = { maxEntryBytes: MAX_ENTRY_BYTES },
): Map<string, ZipEntry> {
  const listed: Listed[] = [];
  try {
    // The filter sees every entry of the central directory and keeps none: a listing, no inflating.
    unzipSync(input, {
      filter: ({ name, originalSize, compression }) => {
        listed.push({ name, originalSize, compression });
        return false;
      },
    });
  } catch (error) {
    throw new ZipFormatError(reason(error));
  }
  const entries = new Map<string, ZipEntry>();
  for (const file of listed) {
    // A directory entry that points outside the file reads back as nameless.
    if (!file.name) throw new ZipFormatError("broken central directory");
    entries.set(file.name.replace(/\\/g, "/"), {
      name: file.name,
      read: () => inflateEntry(input, file, limits.maxEntryBytes),
    });
  }
  return entries;
}

function inflateEntry(input: Uint8Array, wanted: Listed, max: number): Buffer {
  if (wanted.compression !== 0 && wanted.compression !== 8) {
    throw new ZipFormatError(`compression method ${wanted.compression}`);
  }
  if (wanted.originalSize > max) {
    throw new ZipFormatError(`${wanted.name} would unpack to more than ${max} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let found = false;
  let done = false;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (found || file.name !== wanted.name) return;
    found = true;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new ZipFormatError(`${wanted.name}: ${error.message}`);
        return;
      }
      size += data.length;
      if (size > max) {
        failure = new ZipFormatError(`${wanted.name} unpacks to more than ${max} bytes`);
        return;
      }
      chunks.push(data);
      if (final) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < input.length && !done && !failure; at += CHUNK_BYTES) {
      unzip.push(input.subarray(at, at + CHUNK_BYTES), at + CHUNK_BYTES >= input.length);
    }
  } catch (error) {
    failure ??= new ZipFormatError(`broken entry ${wanted.name}: ${reason(error)}`);
  }
  if (failure) throw failure;
  if (!done) throw new ZipFormatError(`broken entry ${wanted.name}`);
  return Buffer.concat(chunks, size);
}
