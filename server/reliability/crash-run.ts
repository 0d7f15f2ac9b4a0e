import { checkStored } from "./crash-check.ts";
import {
  auditVerify,
  openStore,
  type Served,
  Session,
  type Store,
  seeded,
  serve,
  sleep,
} from "./served-process.ts";

// The crash run: kills of the served process at seeded moments while clients write to it, and
// the count of what it acknowledged against what it stored (crash-check.ts). No Vitest here.

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
