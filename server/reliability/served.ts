/**
 * The real server as an operator runs it (`node bin/dongthuan.mjs serve`), started, killed with
 * SIGKILL at seeded moments while clients write to it, and restarted; then what it stored is
 * checked against what it acknowledged. Shared by the Vitest suite (server/reliability/crash.test.ts,
 * 3 kills per engine) and the soak (bench/soak.ts, `npm run bench -- --soak`, 20 per engine).
 *
 * No Vitest here: the soak runs it as a plain script.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { type Database, openDatabase } from "../db/connection.ts";
import { currentAuditKey } from "../modules/audit/key.ts";

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

export interface CrashOptions {
  store: Store;
  kills: number;
  seed: number;
  /** The demo accounts' password in that database. */
  password: string;
  /** Portal clients writing at once (plus one officer's session). */
  clients?: number;
  /** Each kill comes this long after the clients start, drawn from the seed. */
  killAfterMs?: [number, number];
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface CrashResult {
  kills: number;
  /** Requests answered 2xx: portal and staff intakes, assignments. */
  acknowledged: number;
  portalAcknowledged: number;
  staffAcknowledged: number;
  assignmentsAcknowledged: number;
  /** Requests whose answer was lost to a kill, sent again with the same key after the restart. */
  retriedAfterKill: number;
  /** Acknowledged intakes sent again at once with the same key (must answer the same code). */
  replays: number;
  /** Answers that were neither 2xx nor a kill's lost connection: must be none. */
  unexpected: string[];
  /** Acknowledged but not stored (exactly once). */
  lost: number;
  /** Stored more than once, or stored without having been sent (beyond the keys). */
  doubled: number;
  /** A petition without its event or audit row, an assignment without its event or audit row. */
  halfWritten: string[];
  audit: { code: number; out: string };
  restartMs: number[];
  seconds: number;
}

interface PortalSend {
  key: string;
  body: Record<string, unknown>;
}

/**
 * Runs `kills` rounds of: start the server, let portal clients (Idempotency-Key) and an officer
 * (a letter with a key, then its assignment to a unit) write for a seeded while, SIGKILL. Then a
 * last start that resends everything whose answer was lost, a clean stop, `audit verify`, and the
 * counts taken from the database.
 */
export async function crashRun(options: CrashOptions): Promise<CrashResult> {
  const started = Date.now();
  const random = seeded(options.seed);
  const clients = options.clients ?? 6;
  const [killMin, killMax] = options.killAfterMs ?? [400, 1600];
  const log = options.log ?? (() => {});
  const tag = `crash-${options.seed}-${Date.now().toString(36)}`;

  // What the database held before: the checks count what was added.
  const before = await openStore(options.store);
  let baseline: number;
  let unitId: string;
  try {
    baseline = Number((await before.query<{ n: string }>("SELECT count(*) AS n FROM petitions"))[0].n);
    unitId = (
      await before.query<{ id: string }>(
        "SELECT id FROM units WHERE code = 'SVHTTDL' AND valid_to IS NULL ORDER BY id LIMIT 1",
      )
    )[0].id;
  } finally {
    await before.close();
  }

  const portalAcked = new Map<string, string>(); // key → tracking code
  const portalPending = new Map<string, PortalSend>();
  const portalBodies = new Map<string, PortalSend>();
  const staffAcked = new Map<string, string>(); // key → petition id
  const staffPending = new Map<string, PortalSend>();
  const assignAcked = new Set<string>();
  const assignPending = new Set<string>();
  const unexpected: string[] = [];
  let retried = 0;
  let replays = 0;
  let counter = 0;
  const officer = new Session("dieuphoi");
  const restartMs: number[] = [];
  let serverOutput = () => "";

  const bodyFor = (n: number, who: string) => ({
    kind: "phan-anh",
    text: `Phản ánh thử độ bền số ${n} (${who}): đèn đường trước chợ hỏng nhiều ngày chưa được sửa.`,
    communeName: "phuong rach gia",
    contact: {
      name: "Người dân thử",
      phone: `09${String(10_000_000 + ((options.seed * 7919 + n) % 89_999_999))}`,
    },
  });

  /** One portal send; its outcome filed under acked, pending (answer lost) or unexpected. */
  async function sendPortal(base: string, send: PortalSend, replayCheck: boolean): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/public/petitions`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": send.key, "accept-language": "vi" },
        body: JSON.stringify(send.body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      portalPending.set(send.key, send);
      return false;
    }
    const text = await response.text().catch(() => null);
    if (text === null) {
      portalPending.set(send.key, send);
      return false;
    }
    if (response.status !== 201) {
      unexpected.push(`portal ${send.key}: ${response.status} ${text.slice(0, 200)}`);
      portalPending.delete(send.key);
      return false;
    }
    const code = (JSON.parse(text) as { trackingCode: string }).trackingCode;
    const earlier = portalAcked.get(send.key);
    if (earlier && earlier !== code) unexpected.push(`portal ${send.key}: answered ${earlier}, then ${code}`);
    portalAcked.set(send.key, code);
    portalBodies.set(send.key, send);
    portalPending.delete(send.key);
    if (replayCheck) {
      replays++;
      await sendPortal(base, send, false);
    }
    return true;
  }

  async function sendStaff(send: PortalSend): Promise<string | null> {
    let response: Awaited<ReturnType<Session["request"]>>;
    try {
      response = await officer.request(
        "POST",
        "/api/petitions",
        { ...send.body, channel: "letter" },
        {
          "idempotency-key": send.key,
        },
      );
    } catch {
      staffPending.set(send.key, send);
      return null;
    }
    staffPending.delete(send.key);
    if (response.status !== 201) {
      unexpected.push(`letter ${send.key}: ${response.status} ${response.text.slice(0, 200)}`);
      return null;
    }
    const id = response.json().id as string;
    const earlier = staffAcked.get(send.key);
    if (earlier && earlier !== id) unexpected.push(`letter ${send.key}: answered ${earlier}, then ${id}`);
    staffAcked.set(send.key, id);
    return id;
  }

  async function assign(id: string, retry: boolean): Promise<void> {
    let response: Awaited<ReturnType<Session["request"]>>;
    try {
      response = await officer.request("POST", `/api/petitions/${id}/assign`, { unitId });
    } catch {
      assignPending.add(id);
      return;
    }
    assignPending.delete(id);
    if (response.status === 200) assignAcked.add(id);
    // A resent assignment whose first try was stored before the kill: the unit already holds it.
    else if (retry && response.status === 409 && response.json().error?.code === "petition_same_unit")
      assignAcked.add(id);
    else unexpected.push(`assign ${id}: ${response.status} ${response.text.slice(0, 200)}`);
  }

  async function signIn() {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await officer.request("POST", "/api/auth/login", {
          username: officer.username,
          password: options.password,
        });
        if (response.status !== 200)
          throw new Error(`sign-in: ${response.status} ${response.text}\n${serverOutput().slice(-3000)}`);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(200);
      }
    }
  }

  /** Everything whose answer a kill took away, sent again with the same key. */
  async function resendLost(base: string) {
    const portal = [...portalPending.values()];
    const staff = [...staffPending.values()];
    const assigns = [...assignPending];
    retried += portal.length + staff.length + assigns.length;
    await Promise.all(portal.map((send) => sendPortal(base, send, false)));
    for (const send of staff) {
      const id = await sendStaff(send);
      if (id && !assignAcked.has(id)) await assign(id, true);
    }
    for (const id of assigns) if (!assignAcked.has(id)) await assign(id, true);
  }

  let current: Served | null = null;
  try {
    await rounds();
  } finally {
    // A failure half-way (a sign-in refused, a start that timed out) leaves no server behind.
    if (
      current &&
      (current as Served).child.exitCode === null &&
      (current as Served).child.signalCode === null
    )
      (current as Served).child.kill("SIGKILL");
  }

  async function rounds() {
    for (let round = 0; round <= options.kills; round++) {
      const last = round === options.kills;
      const t0 = Date.now();
      const server = serve(options.store, options.env);
      current = server;
      serverOutput = server.output;
      const base = await server.ready;
      restartMs.push(Date.now() - t0);
      officer.base = base;
      if (round === 0) await signIn();
      await resendLost(base);
      if (portalPending.size + staffPending.size + assignPending.size > 0)
        unexpected.push(`round ${round}: resending after the restart did not settle every request`);

      if (last) {
        // Every acknowledged key, sent again: the same answer, nothing new.
        const sample = [...portalAcked.keys()].filter((_, i) => i % 5 === 0);
        for (const key of sample) {
          const code = portalAcked.get(key);
          const response = await fetch(`${base}/api/public/petitions`, {
            method: "POST",
            headers: { "content-type": "application/json", "idempotency-key": key },
            body: JSON.stringify(portalBodies.get(key)?.body),
          });
          const answer = (await response.json()) as { trackingCode?: string };
          replays++;
          if (response.status !== 201 || answer.trackingCode !== code)
            unexpected.push(`late replay ${key}: ${response.status} ${JSON.stringify(answer)} (was ${code})`);
        }
        server.child.kill("SIGTERM");
        const code = await server.exited;
        if (code !== 0)
          unexpected.push(`the last server stopped with ${code}: ${server.output().slice(-1000)}`);
        break;
      }

      let stopping = false;
      const portalClient = async (client: number) => {
        while (!stopping) {
          const n = counter++;
          const send = { key: `${tag}-p${client}-${n}`, body: bodyFor(n, `p${client}`) };
          await sendPortal(base, send, n % 10 === 0);
        }
      };
      const officerClient = async () => {
        while (!stopping) {
          const n = counter++;
          const id = await sendStaff({ key: `${tag}-s-${n}`, body: bodyFor(n, "s") });
          if (id && !stopping) await assign(id, false);
          else if (id) assignPending.add(id);
        }
      };
      const running = [...Array.from({ length: clients }, (_, i) => portalClient(i)), officerClient()];
      const wait = killMin + Math.floor(random() * (killMax - killMin));
      await sleep(wait);
      server.child.kill("SIGKILL");
      stopping = true;
      await Promise.all(running);
      const how = await server.exited;
      log(
        `kill ${round + 1}/${options.kills} after ${wait} ms (${how}): acknowledged so far ${portalAcked.size + staffAcked.size + assignAcked.size}, answers lost ${portalPending.size + staffPending.size + assignPending.size}`,
      );
    }
  }

  const audit = auditVerify(options.store);
  const { lost, doubled, halfWritten } = await checkStored(options.store, {
    baseline,
    portal: portalAcked,
    staff: staffAcked,
    assigned: assignAcked,
  });
  return {
    kills: options.kills,
    acknowledged: portalAcked.size + staffAcked.size + assignAcked.size,
    portalAcknowledged: portalAcked.size,
    staffAcknowledged: staffAcked.size,
    assignmentsAcknowledged: assignAcked.size,
    retriedAfterKill: retried,
    replays,
    unexpected,
    lost,
    doubled,
    halfWritten,
    audit,
    restartMs,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** What the database holds, against what was acknowledged. */
async function checkStored(
  store: Store,
  acked: { baseline: number; portal: Map<string, string>; staff: Map<string, string>; assigned: Set<string> },
) {
  const database = await openStore(store);
  try {
    const halfWritten: string[] = [];
    let lost = 0;
    let doubled = 0;
    const total = Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM petitions"))[0].n);
    const keys = [...acked.portal.keys(), ...acked.staff.keys()];
    // Each acknowledged key names one stored petition, through its key row.
    const rows = await database.query<{
      key: string;
      tracking_code: string;
      id: string | null;
      copies: string | number;
    }>(
      `SELECT k.key, k.tracking_code, min(p.id::text) AS id, count(p.id) AS copies
         FROM petition_idempotency k LEFT JOIN petitions p ON p.tracking_code = k.tracking_code
        WHERE k.key = ANY($1::text[]) GROUP BY k.key, k.tracking_code`,
      [keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    for (const [key, code] of acked.portal) {
      const row = byKey.get(key);
      if (!row || row.tracking_code !== code || Number(row.copies) === 0) lost++;
      else if (Number(row.copies) > 1) doubled += Number(row.copies) - 1;
    }
    for (const [key, id] of acked.staff) {
      const row = byKey.get(key);
      if (!row || row.id !== id || Number(row.copies) === 0) lost++;
      else if (Number(row.copies) > 1) doubled += Number(row.copies) - 1;
    }
    // Nothing stored beyond the keys (a retry that made a second petition shows here).
    const added = total - acked.baseline;
    if (added > keys.length) doubled += added - keys.length;
    if (added < keys.length) lost = Math.max(lost, keys.length - added);

    // Every petition added has its "received" event and its audit row; every assignment too.
    const ids = rows.map((row) => row.id).filter((id): id is string => id !== null);
    const checks = await database.query<{
      id: string;
      received: string | number;
      receive_audits: string | number;
      assigned: string | number;
      assign_audits: string | number;
    }>(
      `SELECT p.id,
              (SELECT count(*) FROM petition_events e WHERE e.petition_id = p.id AND e.type = 'received') AS received,
              (SELECT count(*) FROM audit_log a WHERE a.entity_id = p.id::text AND a.action = 'petition.receive') AS receive_audits,
              (SELECT count(*) FROM petition_events e WHERE e.petition_id = p.id AND e.type = 'assigned') AS assigned,
              (SELECT count(*) FROM audit_log a WHERE a.entity_id = p.id::text AND a.action = 'petition.assign') AS assign_audits
         FROM petitions p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const raw of checks) {
      // Counts come back as strings from pg, as numbers from PGlite.
      const [received, receiveAudits, assigned, assignAudits] = [
        raw.received,
        raw.receive_audits,
        raw.assigned,
        raw.assign_audits,
      ].map(Number);
      if (received !== 1 || receiveAudits !== 1)
        halfWritten.push(`${raw.id}: ${received} received events, ${receiveAudits} audit rows`);
      if (assigned !== assignAudits || assigned > 1)
        halfWritten.push(`${raw.id}: ${assigned} assigned events, ${assignAudits} audit rows`);
      if (acked.assigned.has(raw.id) && assigned !== 1) {
        lost++;
        halfWritten.push(`${raw.id}: assignment acknowledged, ${assigned} stored`);
      }
    }
    return { lost, doubled, halfWritten };
  } finally {
    await database.close();
  }
}
