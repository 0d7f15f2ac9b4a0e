import { unzipSync } from "fflate";

/**
 * The entries of a zip the server wrote (a .docx, an .xlsx), read with fflate: for tests that
 * look inside a document. The server itself reads uploaded .docx files with its own guarded
 * reader (modules/plans/import/zip.ts).
 */
export function unzipEntries(buffer: Uint8Array): Map<string, Buffer> {
  const entries = unzipSync(buffer);
  return new Map(
    Object.entries(entries).map(([name, bytes]) => [
      name,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ]),
  );
}

/** One entry of the zip as UTF-8 text; an entry that is not there is an error naming it. */
export function zipText(buffer: Uint8Array, name: string): string {
  const entry = unzipEntries(buffer).get(name);
  if (!entry) throw new Error(`no ${name} in the archive`);
  return entry.toString("utf8");
}
