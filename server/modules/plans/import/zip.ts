import { inflateRawSync } from "node:zlib";

/**
 * A small reader for the zip container of .docx files: the central directory, stored
 * and deflated entries. mammoth drops Word's automatic numbering, so the importer
 * reads word/numbering.xml itself; reading the zip here avoids depending on a
 * library that is only another package's dependency.
 */

export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  read(): Buffer;
}

const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

function findEndOfDirectory(buf: Buffer): number {
  const min = Math.max(0, buf.length - 65_557);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

export function isZip(buf: Uint8Array): boolean {
  return (
    buf.length >= 4 &&
    buf[0] === 0x50 &&
    buf[1] === 0x4b &&
    (buf[2] === 3 || buf[2] === 5) &&
    (buf[3] === 4 || buf[3] === 6)
  );
}

export function readZip(input: Uint8Array): Map<string, ZipEntry> {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const eocd = findEndOfDirectory(buf);
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) {
      throw new ZipFormatError("broken central directory");
    }
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    entries.set(name.replace(/\\/g, "/"), {
      name,
      read: () => {
        if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) {
          throw new ZipFormatError(`broken entry ${name}`);
        }
        const start =
          localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
        const data = buf.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data, { maxOutputLength: Math.max(MAX_ENTRY_BYTES, size) });
        throw new ZipFormatError(`compression method ${method}`);
      },
    });
  }
  return entries;
}
