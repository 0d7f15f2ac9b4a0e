/**
 * Producing a large document off the request thread: the consolidated report of a province, its
 * annex, an explanatory report with every comment — packing thousands of paragraphs into a zip
 * of XML takes seconds, during which the server would answer no one. The work runs in a worker
 * thread with the same limits as reading an upload (PARSE_TIME_LIMIT, PARSE_MEMORY_MB); a
 * document past them is refused with 422 `render_limit`.
 */
import { offloadOrRefuse } from "../offload/index.ts";
import type { Nd30Document } from "./types.ts";

type Limits = { parseTimeLimitSeconds: number; parseMemoryMb: number };

const ND30 = new URL("./nd30.ts", import.meta.url);

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** `renderNd30Docx` in a worker thread. */
export async function renderNd30DocxOffThread(doc: Nd30Document, limits: Limits): Promise<Buffer> {
  return asBuffer(await offloadOrRefuse<Uint8Array>(ND30, "renderNd30Docx", [doc], limits, "render_limit"));
}

/** Any export of a module that returns a file's bytes, in a worker thread. */
export async function renderOffThread(
  moduleUrl: URL,
  exportName: string,
  args: unknown[],
  limits: Limits,
): Promise<Buffer> {
  return asBuffer(await offloadOrRefuse<Uint8Array>(moduleUrl, exportName, args, limits, "render_limit"));
}
