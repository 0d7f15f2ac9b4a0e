/**
 * What a file is, from its first bytes and (for zip containers) its entry names: never from
 * the name or the Content-Type the sender claims.
 */

export interface Sniffed {
  /** A short name of what was found, shown in a refusal ("exe", "html", "zip" …). */
  detected: string;
  /** The content type it is stored with, when accepted. */
  contentType: string | null;
}

const ACCEPTED: Record<string, string> = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const startsWith = (buffer: Buffer, bytes: number[], offset = 0) =>
  buffer.length >= offset + bytes.length && bytes.every((byte, i) => buffer[offset + i] === byte);
const ascii = (buffer: Buffer, start: number, end: number) => buffer.subarray(start, end).toString("latin1");

/** Entry names of a zip archive, read from its central directory (no decompression). */
export function zipEntryNames(buffer: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  const floor = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let i = buffer.length - 22; i >= floor; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count && n < 10_000; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function sniffZip(buffer: Buffer): string {
  const names = zipEntryNames(buffer);
  if (!names) return "zip";
  if (names.includes("[Content_Types].xml")) {
    if (names.some((name) => name.startsWith("word/"))) return "docx";
    if (names.some((name) => name.startsWith("xl/"))) return "xlsx";
    if (names.some((name) => name.startsWith("ppt/"))) return "pptx";
  }
  return "zip";
}

export function sniff(buffer: Buffer): Sniffed {
  const detected = detect(buffer);
  return { detected, contentType: ACCEPTED[detected] ?? null };
}

function detect(buffer: Buffer): string {
  if (buffer.length === 0) return "empty";
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(buffer, 0, 4) === "RIFF" && ascii(buffer, 8, 12) === "WEBP") return "webp";
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(buffer);
  if (ascii(buffer, 0, 6) === "GIF87a" || ascii(buffer, 0, 6) === "GIF89a") return "gif";
  if (startsWith(buffer, [0x4d, 0x5a])) return "exe";
  if (startsWith(buffer, [0x7f, 0x45, 0x4c, 0x46])) return "elf";
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole (doc/xls)";
  if (startsWith(buffer, [0x52, 0x61, 0x72, 0x21])) return "rar";
  if (startsWith(buffer, [0x1f, 0x8b])) return "gzip";
  if (ascii(buffer, 4, 8) === "ftyp") return "mp4";
  const head = buffer.subarray(0, 512).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.includes("<script"))
    return "html";
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "svg";
  if (!buffer.subarray(0, 512).includes(0)) return "text";
  return "unknown";
}
