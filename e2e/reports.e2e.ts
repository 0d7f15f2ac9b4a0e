import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "./helpers.ts";

// The reporting cycle from the browser: the unit officer writes, the leader sends, the
// coordinator returns with a comment, the officer corrects, the coordinator compares and accepts;
// then the completeness of a period and its urging letter.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

type PeriodRow = { id: string; key: string; label: { vi: string }; locked: boolean; deadline: string };

/** The published plan's periods, as the signed-in user sees them. */
async function periods(page: Page): Promise<PeriodRow[]> {
  const plans = (await (await page.request.get("/api/plans?status=published")).json()) as {
    items: { id: string; title: string }[];
  };
  // Other browser tests publish plans of their own: report on the demo's seed plan.
  const seed = plans.items.find((plan) => /Chương trình hành động số 51-CTr\/TU/.test(plan.title));
  expect(seed, plans.items.map((plan) => plan.title).join(" | ")).toBeTruthy();
  const answer = await page.request.get(`/api/reporting/plans/${seed!.id}/periods`);
  return ((await answer.json()) as { items: PeriodRow[] }).items;
}

test.describe.configure({ mode: "serial" });

/** The period the first test opened the unit's draft report for; the second goes on with it. */
let chosen: PeriodRow | undefined;

test("two pages saving the same draft: the second is shown both texts and merges", async ({ browser }) => {
  const first = await as(browser, "canbo.so");
  // The first open period whose report the unit has not started or still drafts (other tests
  // send reports of their own); the next test goes on with the same report.
  const statusOf = new Map(
    (
      (await (await first.request.get("/api/reports?mine=true&limit=500")).json()) as {
        items: { periodId: string; status: string }[];
      }
    ).items.map((r) => [r.periodId, r.status]),
  );
  const open = (await periods(first))
    .filter((p) => !p.locked && (statusOf.get(p.id) ?? "draft") === "draft")
    .sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
  expect(open, "an open period whose report is still a draft of the unit").toBeTruthy();
  chosen = open;
  // Straight to the period: the periods card on /reports shows one plan at a time, and other
  // browser tests publish plans of their own.
  await first.goto(`/reporting/periods/${open.id}`);
  await first.getByRole("button", { name: /^(Lập|Mở) báo cáo$/ }).click();
  await expect(first).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportUrl = new URL(first.url()).pathname;
  const second = await first.context().newPage();
  await second.goto(reportUrl);
  await expect(second.getByLabel(/^II\.1\./)).toBeVisible();

  await first.getByLabel(/^II\.1\./).fill("Nội dung do trang thứ nhất lưu.");
  await first.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(first.getByText("Đã lưu báo cáo.")).toBeVisible();

  await second.getByLabel(/^II\.1\./).fill("Nội dung do trang thứ hai soạn.");
  await second.getByRole("button", { name: "Lưu", exact: true }).click();
  const merge = second.locator(".ant-card", {
    has: second.getByRole("heading", { name: "Báo cáo vừa được người khác lưu" }),
  });
  await expect(merge).toBeVisible();
  await expect(merge.getByText("Nội dung do trang thứ nhất lưu.")).toBeVisible();
  await expect(merge.getByText("Nội dung do trang thứ hai soạn.")).toBeVisible();
  await merge.getByRole("radio", { name: "Lấy nội dung đã lưu" }).check();
  await merge.getByRole("button", { name: "Lưu nội dung đã hợp nhất" }).click();
  await expect(merge).toHaveCount(0);
  await expect(second.getByLabel(/^II\.1\./)).toHaveValue("Nội dung do trang thứ nhất lưu.");
  const stored = (await (await second.request.get(`/api${reportUrl}`)).json()) as {
    sections: Record<string, string>;
    version: number;
  };
  expect(stored.sections["II.1"]).toBe("Nội dung do trang thứ nhất lưu.");
  await first.context().close();
});

test("a report goes from the officer to the leader, is returned, corrected, compared and accepted", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const officer = await as(browser, "canbo.so");
  // The period whose draft the test above opened.
  expect(chosen, "the test above chose a period").toBeTruthy();
  const open = chosen as PeriodRow;

  await officer.getByRole("navigation").getByRole("link", { name: "Báo cáo", exact: true }).first().click();
  await expect(officer.getByRole("heading", { level: 1, name: "Báo cáo của đơn vị" })).toBeVisible();
  // The report of the period was opened by the test above; the unit's list leads to it.
  await officer
    .locator(".ant-card", { has: officer.getByRole("heading", { name: "Báo cáo", exact: true }) })
    .getByRole("link", { name: open.label.vi, exact: true })
    .click();
  await expect(officer).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportUrl = new URL(officer.url()).pathname;
  await expect(officer.getByText("Nháp", { exact: true })).toBeVisible();

  // Pre-filled from the unit's progress; the officer adds a sentence to II.1.
  const section = officer.getByLabel(/^II\.1\./);
  await expect(section).not.toHaveValue("");
  await section.fill(`${await section.inputValue()}\nĐã tổ chức thêm hội nghị quán triệt cho cán bộ cơ sở.`);

  // A negative figure is refused beside its field, and nothing is saved.
  const sessions = officer.getByRole("textbox", {
    name: "Hội nghị, buổi tuyên truyền, quán triệt, tập huấn",
  });
  await sessions.fill("-5");
  await officer.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(sessions).toHaveAttribute("aria-invalid", "true");
  await expect(officer.locator("#ind-propaganda_sessions-error")).toContainText(/âm/);
  const stored = (await (await officer.request.get(`/api${reportUrl}`)).json()) as {
    values: Record<string, number | null>;
    sections: Record<string, string>;
  };
  expect(stored.values.propaganda_sessions).not.toBe(-5);
  expect(stored.sections["II.1"]).not.toContain("hội nghị quán triệt cho cán bộ cơ sở");

  await sessions.fill("60");
  await officer.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(officer.getByText("Đã lưu báo cáo.")).toBeVisible();
  await expect(sessions).not.toHaveAttribute("aria-invalid", "true");
  await officer.getByRole("button", { name: "Trình lãnh đạo duyệt" }).click();
  await expect(officer.getByText("Chờ lãnh đạo duyệt", { exact: true }).first()).toBeVisible();
  await expect(officer.getByRole("button", { name: "Rút lại để sửa" })).toBeVisible();

  // The leader approves and sends.
  const leader = await as(browser, "lanhdao.so");
  await leader.goto(reportUrl);
  // Sending cannot be taken back: it asks first, and cancelling sends nothing.
  await leader.getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" }).click();
  const sendDialog = leader.getByRole("dialog");
  await expect(sendDialog).toContainText("Thao tác này không thể hoàn tác.");
  await expect(sendDialog).toContainText("Sở Nội vụ");
  await sendDialog.getByRole("button", { name: "Hủy", exact: true }).click();
  await expect(sendDialog).toHaveCount(0);
  const unsent = (await (await leader.request.get(`/api${reportUrl}`)).json()) as { status: string };
  expect(unsent.status).toBe("pending_approval");
  await leader.getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" }).click();
  await leader.getByRole("dialog").getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" }).click();
  await expect(leader.getByText("Đã gửi báo cáo.")).toBeVisible();
  await expect(leader.getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" })).toHaveCount(0);

  // The coordinator returns it with a comment on II.1 (a return needs at least one comment).
  const coordinator = await as(browser, "dieuphoi");
  await coordinator.goto(reportUrl);
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText("Sở Văn hóa");
  expect(await seriousViolations(coordinator)).toEqual([]);
  await coordinator.getByRole("button", { name: "Trả lại để bổ sung" }).click();
  const dialog = coordinator.getByRole("dialog");
  await dialog.getByRole("button", { name: "Trả lại để bổ sung" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Cần ghi ít nhất một ý kiến");
  await dialog.getByLabel(/^Ý kiến cho phần II\.1\./).fill("Bổ sung số cuộc hội nghị đã tổ chức ở cấp xã.");
  await dialog.getByRole("button", { name: "Trả lại để bổ sung" }).click();
  await expect(coordinator.getByText("Đã trả lại báo cáo để bổ sung.")).toBeVisible();

  // The officer sees the comment beside II.1, corrects and submits again.
  await officer.reload();
  await expect(officer.getByText("Sở Nội vụ trả lại báo cáo để bổ sung")).toBeVisible();
  await expect(officer.getByText("Bổ sung số cuộc hội nghị đã tổ chức ở cấp xã.").first()).toBeVisible();
  const again = officer.getByLabel(/^II\.1\./);
  await again.fill(`${await again.inputValue()}\nỞ cấp xã đã tổ chức 24 hội nghị.`);
  // A returned report becomes the draft of its next sending once saved; then it can be submitted.
  await officer.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(officer.getByText("Nháp", { exact: true })).toBeVisible();
  await officer.getByRole("button", { name: "Trình lãnh đạo duyệt" }).click();
  await expect(officer.getByText("Đã trình lãnh đạo duyệt.")).toBeVisible();

  await leader.reload();
  await leader.getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" }).click();
  await leader.getByRole("dialog").getByRole("button", { name: "Duyệt và gửi Sở Nội vụ" }).click();
  await expect(leader.getByText("Đã gửi báo cáo.")).toBeVisible();

  // The coordinator compares the two sendings and accepts.
  await coordinator.reload();
  const diff = coordinator.getByTestId("report-diff");
  await expect(diff.locator("ins")).toContainText(["Ở cấp xã đã tổ chức 24 hội nghị."]);
  await expect(coordinator.getByRole("heading", { name: "Diễn biến" })).toBeVisible();
  // Accepting is final: cancelled, the report stays sent; confirmed, it is accepted.
  await coordinator.getByRole("button", { name: "Chấp nhận", exact: true }).click();
  const acceptDialog = coordinator.getByRole("dialog");
  await expect(acceptDialog).toContainText("Thao tác này không thể hoàn tác.");
  await acceptDialog.getByRole("button", { name: "Hủy", exact: true }).click();
  await expect(acceptDialog).toHaveCount(0);
  const notYet = (await (await coordinator.request.get(`/api${reportUrl}`)).json()) as { status: string };
  expect(notYet.status).toBe("sent");
  await coordinator.getByRole("button", { name: "Chấp nhận", exact: true }).click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Chấp nhận", exact: true }).click();
  await expect(coordinator.getByText("Đã chấp nhận báo cáo.")).toBeVisible();
  await expect(coordinator.getByText("Đã chấp nhận", { exact: true }).first()).toBeVisible();

  for (const page of [officer, leader, coordinator]) await page.context().close();
});

test("the coordinator's completeness screen counts a period and downloads the urging letter", async ({
  browser,
}) => {
  const coordinator = await as(browser, "dieuphoi");
  const year2024 = (await periods(coordinator)).find((p) => p.key === "2024");
  expect(year2024).toBeTruthy();
  const detail = (await (await coordinator.request.get(`/api/reporting/periods/${year2024?.id}`)).json()) as {
    province: { expected: number; received: number };
  };
  await coordinator.goto("/reports");
  await expect(coordinator.getByRole("heading", { level: 1, name: "Báo cáo định kỳ" })).toBeVisible();
  await coordinator.goto(`/reporting/periods/${year2024!.id}`);
  await expect(coordinator.getByRole("heading", { level: 1, name: "Kỳ báo cáo Năm 2024" })).toBeVisible();
  await expect(
    coordinator.getByText(`${detail.province.received}/${detail.province.expected}`, { exact: true }).first(),
  ).toBeVisible();
  await expect(coordinator.getByText("Chưa có báo cáo").first()).toBeVisible();
  await expect(coordinator.getByRole("link", { name: "Xem báo cáo tổng hợp của tỉnh" })).toBeVisible();
  expect(await seriousViolations(coordinator)).toEqual([]);

  const download = coordinator.waitForEvent("download");
  await coordinator.getByRole("button", { name: "Lập và tải văn bản đôn đốc" }).click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Lập và tải văn bản đôn đốc" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);
  await expect(coordinator.getByRole("button", { name: /\.docx$/ })).toBeVisible();
  await coordinator.context().close();
});
