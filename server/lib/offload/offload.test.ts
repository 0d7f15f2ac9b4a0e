import { describe, expect, it } from "vitest";
import { OffloadedError, OffloadLimitError, offload } from "./index.ts";

const FIXTURES = new URL("./fixtures.ts", import.meta.url);
const LIMITS = { timeMs: 20_000, memoryMb: 256 };

describe("offload: a function run in a worker thread within limits", () => {
  it("returns the function's result; a Buffer argument arrives as bytes", async () => {
    const result = await offload(FIXTURES, "echo", [{ a: [1, "b"] }, Buffer.from("xin chào")], LIMITS);
    expect(result).toEqual({ value: { a: [1, "b"] }, length: Buffer.byteLength("xin chào") });
  });

  it("brings back the function's error with its class name and fields", async () => {
    const error = await offload(FIXTURES, "refuse", [], LIMITS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffloadedError);
    expect(error).toMatchObject({
      remoteName: "FixtureRefusal",
      message: "refused: too-odd",
      fields: { code: "too-odd", detail: 42 },
    });
  });

  it("stops a job at its time limit while this thread goes on answering", async () => {
    // The job would keep its thread busy for a minute; timers here still fire meanwhile.
    let stopped = false;
    const job = offload(FIXTURES, "spin", [60_000], { timeMs: 3000, memoryMb: 128 })
      .catch((e: unknown) => e)
      .finally(() => {
        stopped = true;
      });
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (++ticks === 5) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
    // Five ticks of this thread came while the job was still running: nothing here waited for it.
    expect(stopped).toBe(false);
    const error = await job;
    expect(error).toBeInstanceOf(OffloadLimitError);
    expect((error as OffloadLimitError).limit).toBe("time");
  });

  it("stops a job that passes its memory limit", async () => {
    const error = await offload(FIXTURES, "swell", [], { timeMs: 60_000, memoryMb: 64 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OffloadLimitError);
    expect((error as OffloadLimitError).limit).toBe("memory");
  });

  it("refuses an export the module does not have, as the function's own error would be", async () => {
    const error = await offload(FIXTURES, "nothing", [], LIMITS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OffloadedError);
    expect((error as OffloadedError).remoteName).toBe("TypeError");
  });
});
