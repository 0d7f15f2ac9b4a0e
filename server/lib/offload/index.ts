import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { clock } from "../clock.ts";
import { AppError } from "../errors.ts";

/**
 * Heavy parsing off the request thread. A function that reads an untrusted document (a plan's
 * .docx or .pdf) runs in a worker thread of its own, with a time limit and a memory limit: a file
 * built to be slow or to swell only costs its own worker, which is stopped at the limit, while the
 * server goes on answering everyone else. The function must be an export of a module whose
 * arguments and result survive a structured copy (plain data, Buffers arrive as Uint8Array).
 */

export interface OffloadLimits {
  /** Stop the worker after this many milliseconds. */
  timeMs: number;
  /** The worker's heap limit, in MiB. */
  memoryMb: number;
}

/** The worker was stopped at a limit; nothing it did is kept. */
export class OffloadLimitError extends Error {
  constructor(
    readonly limit: "time" | "memory",
    readonly limits: OffloadLimits,
  ) {
    super(limit === "time" ? `stopped after ${limits.timeMs} ms` : `stopped at ${limits.memoryMb} MiB`);
    this.name = "OffloadLimitError";
  }
}

/** An error the function threw in the worker, as data: its class name, message and own fields. */
export class OffloadedError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
    readonly fields: Record<string, string | number | boolean | null>,
  ) {
    super(message);
    this.name = "OffloadedError";
  }
}

const ENTRY = new URL("./entry.mjs", import.meta.url);

// Workers at once: one core stays with the server; the rest wait their turn in order.
const MAX_WORKERS = Math.max(1, availableParallelism() - 1);
let running = 0;
const queue: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  return () => {
    running--;
    queue.shift()?.();
  };
}

type Reply =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string; fields: OffloadedError["fields"] } };

/** Calls `exportName(...args)` of the module at `moduleUrl` in a worker thread, within `limits`. */
export async function offload<T>(
  moduleUrl: URL,
  exportName: string,
  args: unknown[],
  limits: OffloadLimits,
): Promise<T> {
  const done = await turn();
  try {
    return await new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        action();
      };
      const worker = new Worker(ENTRY, {
        // The caller's "now" goes with the job: a worker reads the one clock as its caller does.
        workerData: { moduleUrl: moduleUrl.href, exportName, args, now: clock.now().toISOString() },
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32 },
      });
      const timer = setTimeout(() => {
        settle(() => reject(new OffloadLimitError("time", limits)));
        void worker.terminate();
      }, limits.timeMs);
      worker.once("message", (reply: Reply) => {
        settle(() =>
          reply.ok
            ? resolve(reply.value as T)
            : reject(new OffloadedError(reply.error.name, reply.error.message, reply.error.fields)),
        );
        void worker.terminate();
      });
      worker.once("error", (error: Error & { code?: string }) => {
        settle(() =>
          reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new OffloadLimitError("memory", limits) : error),
        );
      });
      worker.once("exit", (code) => {
        settle(() => reject(new Error(`the worker ended (exit code ${code}) without an answer`)));
      });
    });
  } finally {
    done();
  }
}

/**
 * `offload` for a route: a limit reached becomes a 422 with `code` (its message names the limit
 * and the settings that raise it), any other failure stays what it was.
 */
export async function offloadOrRefuse<T>(
  moduleUrl: URL,
  exportName: string,
  args: unknown[],
  config: { parseTimeLimitSeconds: number; parseMemoryMb: number },
  code: "document_limit" | "render_limit",
): Promise<T> {
  try {
    return await offload<T>(moduleUrl, exportName, args, {
      timeMs: config.parseTimeLimitSeconds * 1000,
      memoryMb: config.parseMemoryMb,
    });
  } catch (error) {
    if (error instanceof OffloadLimitError) {
      throw new AppError(422, code, {
        detail:
          error.limit === "time"
            ? `${config.parseTimeLimitSeconds} s, PARSE_TIME_LIMIT`
            : `${config.parseMemoryMb} MiB, PARSE_MEMORY_MB`,
      });
    }
    throw error;
  }
}
