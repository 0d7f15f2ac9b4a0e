import { constants, deflateRawSync } from "node:zlib";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { PlanImportError } from "./errors.ts";
import { readDocx } from "./read-docx.ts";
import { makeZip } from "./test-helpers.ts";
import { MAX_ENTRY_BYTES, readZip, ZipFormatError } from "./zip.ts";

/**
 * Raw deflate data that unpacks to `mib` MiB of zeros from about a kilobyte per MiB: one
 * sync-flushed block of a zero MiB repeated, then an empty final block.
 */
function zeros(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00])]);
}

function failure(read: () => unknown): Error {
  try {
    read();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("reading a zip", () => {
  it("lists the entries without inflating them, and reads stored and deflated ones alike", () => {
    const text = "<w:t>Kế hoạch số 12</w:t>".repeat(200);
    const zip = zipSync({
      "word/document.xml": [Buffer.from(text), { level: 9 }],
      "word\\styles.xml": [Buffer.from("<styles/>"), { level: 0 }],
      "docProps/app.xml": Buffer.from("<Properties/>"),
    });
    const entries = readZip(zip);
    expect([...entries.keys()].sort()).toEqual(["docProps/app.xml", "word/document.xml", "word/styles.xml"]);
    expect(entries.get("word/document.xml")?.read().toString("utf8")).toBe(text);
    expect(entries.get("word/styles.xml")?.read().toString("utf8")).toBe("<styles/>");
  });

  it("refuses bytes with no central directory, a directory pointing elsewhere, and an entry cut short", () => {
    expect(failure(() => readZip(Buffer.from("PK\u0003\u0004 not really a zip")))).toBeInstanceOf(
      ZipFormatError,
    );
    const moved = Buffer.from(makeZip({ "a.xml": "x".repeat(5000) }));
    // the end record's offset of the central directory, pointed past the end of the file
    moved.writeUInt32LE(moved.length + 100, moved.length - 22 + 16);
    expect(failure(() => readZip(moved)).message).toMatch(/broken central directory/);
    const cut = Buffer.from(makeZip({ "a.xml": "x".repeat(5000) }));
    // the local header claims ten times the data there is
    cut.writeUInt32LE(50_000, 18);
    const entries = readZip(cut);
    expect(failure(() => entries.get("a.xml")?.read()).message).toMatch(/broken entry a\.xml/);
  });

  it("refuses an entry whose headers claim more than the limit before inflating anything", () => {
    const zip = makeZip({ "word/document.xml": { deflated: zeros(1), declaredSize: 2 << 20 } });
    const entry = readZip(zip, { maxEntryBytes: 1 << 20 }).get("word/document.xml");
    expect(failure(() => entry?.read()).message).toMatch(/would unpack to more than 1048576 bytes/);
  });

  it("stops an entry that inflates past the limit while it inflates, whatever size its headers claim", () => {
    // 4 GiB of zeros in 4 MiB: read to the end and checked after, it would take minutes and more
    // memory than a worker has; stopped at the limit, it is a moment's work
    const zip = makeZip({ "word/document.xml": { deflated: zeros(4096), declaredSize: 100 } });
    const entry = readZip(zip, { maxEntryBytes: 1 << 20 }).get("word/document.xml");
    const started = performance.now();
    const error = failure(() => entry?.read());
    expect(error).toBeInstanceOf(ZipFormatError);
    expect(error.message).toMatch(/unpacks to more than 1048576 bytes/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it("refuses a compression method it does not read", () => {
    const zip = Buffer.from(makeZip({ "a.xml": "<a/>" }));
    // method 12 (bzip2) in the central directory entry
    zip.writeUInt16LE(12, zip.length - 22 - 46 - 5 + 10);
    expect(failure(() => readZip(zip).get("a.xml")?.read()).message).toMatch(/compression method 12/);
  });
});

describe("a .docx that is a zip bomb", () => {
  it("is refused as a damaged file when its document claims more than the real limit", async () => {
    const bomb = makeZip({
      "word/document.xml": { deflated: zeros(1), declaredSize: MAX_ENTRY_BYTES + 1 },
    });
    const error = await readDocx(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanImportError);
    expect((error as PlanImportError).code).toBe("invalid-docx");
    expect((error as PlanImportError).detail).toMatch(/would unpack to more than 268435456 bytes/);
  });
});
