import { describe, expect, it } from "vitest";
import type { JobQueue, SendOptions } from "../../jobs/queue.ts";
import type { PetitionDeps } from "./deps.ts";
import { deliver, PETITION_JOBS, type PetitionMail, registerPetitionJobs } from "./jobs.ts";

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
  it("queue a warning once per clock, deadline and threshold, with ids only in the job", async () => {
    const { queue, sent } = fakeQueue();
    const direct: PetitionMail[] = [];
    const warning: PetitionMail = {
      type: "clock-warning",
      clockId: "c1",
      dueDate: "2026-12-01",
      threshold: 1,
    };
    await deliver(deps(queue), warning, async (_d, mail) => void direct.push(mail));
    await deliver(deps(queue), warning, async (_d, mail) => void direct.push(mail));
    await deliver(deps(queue), { ...warning, threshold: -1 }, async (_d, mail) => void direct.push(mail));
    expect(sent.map((s) => s.options?.singletonKey)).toEqual([
      "warning:c1:2026-12-01:1",
      "warning:c1:2026-12-01:-1",
    ]);
    expect(sent.every((s) => s.name === PETITION_JOBS.mail)).toBe(true);
    expect(direct).toEqual([]);
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
