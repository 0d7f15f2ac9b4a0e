import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { type Database, openDatabase } from "../db/connection.ts";
import { currentAuditKey } from "../modules/audit/key.ts";

// The served process itself (started, stopped, its audit trail verified) and a client of it over
// HTTP; crash-run.ts drives them. No Vitest here: the soak runs it as a plain script.

const ROOT = new URL("../..", import.meta.url).pathname;
const BIN = join(ROOT, "bin/dongthuan.mjs");

/**
 * Where the served process keeps its data: the data folder (the embedded database, files, audit
 * checkpoints) and, on PostgreSQL, the database's URL. `env` is given to every process run on it
 * (the audit key the trail is written with).
 */
export interface Store {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}

export const storeArgs = (store: Store): string[] => [
  "--data-dir",
  store.dataDir,
  ...(store.databaseUrl ? ["--database-url", store.databaseUrl] : []),
];

export const openStore = (store: Store): Promise<Database> =>
  openDatabase(
    store.databaseUrl ? { databaseUrl: store.databaseUrl, poolSize: 3 } : { dataDir: store.dataDir },
  );

/**
 * The audit key this process writes with, for a served process on a database this process wrote
 * (the demo template): the same key, or its trail would be refused as written under another.
 */
export function auditKeyEnv(): Record<string, string> {
  try {
    return { AUDIT_KEY: currentAuditKey().secret.toString("hex") };
  } catch {
    return {};
  }
}

/** Limits raised so the clients below are never refused for their pace (one address, many sends). */
export const SERVED_ENV = {
  LOG_LEVEL: "warn",
  PETITION_RATE_LIMIT_IP: "10000000",
  PETITION_RATE_LIMIT_PHONE: "10000000",
  API_RATE_LIMIT: "1000000",
  LOGIN_RATE_LIMIT: "100000",
};

export interface Served {
  child: ChildProcess;
  /** The base URL once it listens; rejects if the process exits first. */
  ready: Promise<string>;
  /** The exit code, or the signal's name. */
  exited: Promise<number | string>;
  output(): string;
}

export function serve(store: Store, env: Record<string, string> = {}, timeoutMs = 120_000): Served {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...storeArgs(store)], {
    env: { ...process.env, ...SERVED_ENV, ...store.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(() => {
      const match = output.match(/running at (http:\/\/\S+)/);
      if (match) {
        clearInterval(timer);
        resolve(match[1].replace("localhost", "127.0.0.1"));
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        child.kill("SIGKILL");
        reject(new Error(`the server did not start in ${timeoutMs} ms: ${output.slice(-2000)}`));
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`the server exited (${code}) before it listened: ${output.slice(-2000)}`));
    });
  });
  ready.catch(() => {});
  return { child, ready, exited, output: () => output };
}

/** `dongthuan audit verify` as a separate process, as an operator runs it. */
export function auditVerify(store: Store): { code: number; out: string } {
  const result = spawnSync(process.execPath, [BIN, "audit", "verify", ...storeArgs(store)], {
    env: { ...process.env, LOG_LEVEL: "warn", ...store.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

/** A small seeded generator (mulberry32): the same seed kills at the same moments. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed-in session over HTTP: its cookies and CSRF token, kept across restarts (sessions are rows). */
export class Session {
  cookies = new Map<string, string>();
  base = "";
  constructor(readonly username: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        "accept-language": "vi",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookies.size
          ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") }
          : {}),
        ...(this.cookies.has("dt_csrf") && method !== "GET"
          ? { "x-csrf-token": this.cookies.get("dt_csrf")! }
          : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await response.text();
    return { status: response.status, json: () => JSON.parse(text), text };
  }
}
