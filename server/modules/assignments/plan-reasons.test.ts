import { describe, expect, it } from "vitest";
import { planReason, shownReason } from "./plan-reasons.ts";

const cancelled = (reason: string | null) => ({ reason, statusFrom: "in_progress", statusTo: "cancelled" });

describe("reasons the plan's publishing writes", () => {
  it("stores data and reads it in the reader's language", () => {
    expect(planReason("removed", 3)).toBe("plan-version:removed:3");
    const removed = cancelled(planReason("removed", 3));
    expect(shownReason(removed, "vi")).toBe("Nhiệm vụ không còn trong phiên bản 3 của kế hoạch");
    expect(shownReason(removed, "en")).toBe("The task is no longer in version 3 of the plan");
    const back = { reason: planReason("back", 4), statusFrom: "cancelled", statusTo: "not_started" };
    expect(shownReason(back, "vi")).toBe("Nhiệm vụ có lại trong phiên bản 4 của kế hoạch");
    expect(shownReason(back, "en")).toBe("The task is back in version 4 of the plan");
  });

  it("reads the reasons stored before, which glued both languages, in one", () => {
    const removed = cancelled(
      "Nhiệm vụ II.4 không còn trong phiên bản 2 của kế hoạch / no longer in version 2",
    );
    expect(shownReason(removed, "en")).toBe("The task is no longer in version 2 of the plan");
    const back = {
      reason: "Nhiệm vụ có lại trong phiên bản 5 / back in version 5",
      statusFrom: "cancelled",
      statusTo: "not_started",
    };
    expect(shownReason(back, "vi")).toBe("Nhiệm vụ có lại trong phiên bản 5 của kế hoạch");
  });

  it("leaves a person's reason as written, even one that looks like the code", () => {
    const paused = { reason: "plan-version:removed:3", statusFrom: "in_progress", statusTo: "paused" };
    expect(shownReason(paused, "en")).toBe("plan-version:removed:3");
    expect(shownReason(cancelled("chờ kinh phí / waiting"), "en")).toBe("chờ kinh phí / waiting");
    expect(shownReason(cancelled(null), "en")).toBeNull();
  });
});
