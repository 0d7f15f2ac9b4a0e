// One job in a worker thread (see ./index.ts): loads the TypeScript module it names, calls the
// export with the arguments it was given, and posts back the value or the error, then ends.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();

/** An error as plain data: its name and message, and its own fields that survive a copy. */
function plain(error) {
  const fields = {};
  if (error && typeof error === "object") {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
    }
  }
  return {
    name: error?.name ?? "Error",
    message: String(error?.message ?? error),
    fields,
  };
}

const { moduleUrl, exportName, args, now } = workerData;
try {
  // The caller's clock (a pinned or a test's clock included), running on from the call.
  if (now) (await import(new URL("../clock.ts", import.meta.url).href)).setClock(now);
  const module = await import(moduleUrl);
  const value = await module[exportName](...args);
  parentPort.postMessage({ ok: true, value });
} catch (error) {
  parentPort.postMessage({ ok: false, error: plain(error) });
}
