import { describe, expect, it } from "vitest";
import type { JobQueue, SendOptions } from "../../jobs/queue.ts";
import type { PetitionDeps } from "./deps.ts";
import {
  clockRecipients,
  deliver,
  PETITION_JOBS,
  type PetitionMail,
  registerPetitionJobs,
  thresholdReached,
} from "./jobs.ts";

function fakeQueue() {
  const sent: { name: string; data: object; options?: SendOptions }[] = [];
  const workers: string[] = [];
  const schedules: { name: string; cron: string }[] = [];
  const keys = new Set<string>();
  const queue: JobQueue = {
    start: async () => {},
    stop: async () => {},
    async send(name, data, options) {
      // As pg-boss with our ids derived from the key: a second send of one key is refused.
      if (options?.singletonKey) {
        if (keys.has(`${name}:${options.singletonKey}`)) return null;
        keys.add(`${name}:${options.singletonKey}`);
      }
      sent.push({ name, data, options });
      return "id";
    },
    async work(name) {
      workers.push(name);
    },
    async schedule(name, cron) {
      schedules.push({ name, cron });
    },
    getSchedules: async () => [],
  };
  return { queue, sent, workers, schedules };
}

const deps = (jobs: JobQueue | null) => ({ jobs }) as unknown as PetitionDeps;
const quiet = { info() {}, warn() {}, error() {} };

describe("petition jobs", () => {
  it("queue a citizen's mail once per kind and petition, with ids only in the job", async () => {
    const { queue, sent } = fakeQueue();
    const direct: PetitionMail[] = [];
    const followUp: PetitionMail = { type: "follow-up", petitionId: "p1" };
    await deliver(deps(queue), followUp, async (_d, mail) => void direct.push(mail));
    await deliver(deps(queue), followUp, async (_d, mail) => void direct.push(mail));
    await deliver(
      deps(queue),
      { type: "answer", petitionId: "p1" },
      async (_d, mail) => void direct.push(mail),
    );
    expect(sent.map((s) => s.options?.singletonKey)).toEqual(["follow-up:p1", "answer:p1"]);
    expect(sent.map((s) => s.data)).toEqual([followUp, { type: "answer", petitionId: "p1" }]);
    expect(sent.every((s) => s.name === PETITION_JOBS.mail)).toBe(true);
    expect(direct).toEqual([]);
  });

  it("warn a clock's holding unit, and the coordinators once it has run out or has no unit", () => {
    expect(clockRecipients("u1", 2)).toEqual([{ unitId: "u1", roles: ["unit_officer", "unit_leader"] }]);
    expect(clockRecipients("u1", -1)).toEqual([
      { unitId: "u1", roles: ["unit_officer", "unit_leader"] },
      { role: "coordinator" },
    ]);
    expect(clockRecipients(null, 1)).toEqual([{ role: "coordinator" }]);
  });

  it("take the smallest threshold reached, -1 once run out, none before the first", () => {
    expect(thresholdReached(5, [3, 1])).toBeNull();
    expect(thresholdReached(3, [3, 1])).toBe(3);
    expect(thresholdReached(1, [3, 1])).toBe(1);
    expect(thresholdReached(0, [3, 1])).toBe(1);
    expect(thresholdReached(-1, [3, 1])).toBe(-1);
  });

  it("send at once when there is no queue", async () => {
    const direct: PetitionMail[] = [];
    await deliver(
      deps(null),
      { type: "answer", petitionId: "p1" },
      async (_d, mail) => void direct.push(mail),
    );
    expect(direct).toEqual([{ type: "answer", petitionId: "p1" }]);
  });

  it("register the mail worker and the daily check on the app's queue", async () => {
    const { queue, workers, schedules } = fakeQueue();
    await registerPetitionJobs(deps(queue), async () => {}, quiet);
    expect(workers.sort()).toEqual([PETITION_JOBS.daily.name, PETITION_JOBS.mail].sort());
    expect(schedules).toEqual([PETITION_JOBS.daily]);
    await expect(registerPetitionJobs(deps(null), async () => {}, quiet)).resolves.toBeUndefined();
  });
});
