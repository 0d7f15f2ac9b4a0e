import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test, unique } from "./helpers.ts";

// Difficulties and proposals from the browser: a unit officer raises one, the coordinator
// assigns an owner and a due date, decides and closes it; the officer reads the decision.

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

const nav = (page: Page) =>
  page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Khó khăn, kiến nghị" });

test.describe("escalations", () => {
  test("an officer raises a proposal; the coordinator assigns, decides and closes it; the officer reads the decision", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const title = unique("Kiến nghị bổ sung biên chế");

    // The unit officer raises a proposal; an empty title is refused beside the field.
    const officer = await as(browser, "canbo.so");
    await nav(officer).click();
    await expect(
      officer.getByRole("heading", { level: 1, name: "Khó khăn, vướng mắc, kiến nghị" }),
    ).toBeVisible();
    await officer.getByRole("button", { name: "Nêu khó khăn, kiến nghị" }).click();
    const dialog = officer.getByRole("dialog", { name: "Nêu khó khăn, vướng mắc, kiến nghị" });
    await dialog.getByLabel("Kiến nghị", { exact: true }).check();
    await dialog
      .getByLabel("Nội dung")
      .fill("Đề nghị UBND tỉnh bổ sung hai biên chế để triển khai kế hoạch.");
    await dialog.getByRole("button", { name: "Gửi" }).click();
    const titleItem = dialog.locator(".ant-form-item").filter({ has: officer.getByLabel("Tiêu đề") });
    await expect(titleItem.locator(".ant-form-item-explain")).not.toBeEmpty();
    // The refusal is announced too: the form's error summary links to the field.
    await expect(dialog.getByRole("alert").getByRole("link", { name: /^Tiêu đề:/ })).toBeVisible();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Tiêu đề").fill(title);
    await dialog.getByRole("button", { name: "Gửi" }).click();
    await expect(officer.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(officer.getByText("Đang xử lý")).toBeVisible();
    // Unit staff see no handling actions.
    await expect(officer.getByRole("heading", { name: "Xử lý" })).toHaveCount(0);
    const detailUrl = officer.url();
    const id = detailUrl.split("/escalations/")[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // The coordinator finds it in the list of open items.
    const coordinator = await as(browser, "dieuphoi");
    await nav(coordinator).click();
    const row = coordinator.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText("Kiến nghị");
    await expect(row).toContainText("Đang xử lý");
    expect(await seriousViolations(coordinator)).toEqual([]);

    await row.getByRole("link", { name: title }).click();
    await expect(coordinator.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // Deciding without a decision text is refused beside the field.
    await coordinator.getByRole("button", { name: "Cho ý kiến" }).click();
    await expect(coordinator.locator("#esc-decision-error")).not.toBeEmpty();

    // Assign the owner unit and a due date already past: the item is marked overdue.
    await coordinator.getByLabel("Đơn vị chủ trì xử lý").click();
    await coordinator.keyboard.type("Sở Tài chính");
    await coordinator
      .locator(".ant-select-tree-node-content-wrapper")
      .filter({ hasText: /^Sở Tài chính/ })
      .first()
      .click();
    const due = coordinator.getByLabel("Hạn xử lý");
    await due.fill("15/01/2025");
    await due.press("Enter");
    await coordinator.getByRole("button", { name: "Giao xử lý" }).click();
    await expect(coordinator.getByText("Đã giao đơn vị chủ trì và hạn xử lý")).toBeVisible();
    const details = coordinator.locator(".ant-descriptions");
    await expect(details).toContainText("Sở Tài chính");
    await expect(details).toContainText("15/01/2025");
    await expect(details).toContainText("Quá hạn");
    expect(await seriousViolations(coordinator)).toEqual([]);

    // The home page's open escalations (earliest due first) link to the same detail page.
    await coordinator.goto("/");
    const section = coordinator.locator('[aria-labelledby="home-section-escalations-open"]');
    await section.getByRole("link", { name: title }).click();
    await expect(coordinator).toHaveURL(new RegExp(`/escalations/${id}$`));
    await expect(coordinator.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // Decide, then close.
    const decision = "Giao Sở Tài chính phối hợp Sở Nội vụ cân đối biên chế trong quý I.";
    await coordinator.getByLabel("Ý kiến chỉ đạo, quyết định").fill(decision);
    await coordinator.getByRole("button", { name: "Cho ý kiến" }).click();
    await expect(details).toContainText("Đã có ý kiến");
    await expect(details).not.toContainText("Quá hạn");
    await coordinator.getByLabel("Ghi chú kết thúc").fill("Đã thực hiện xong.");
    await coordinator.getByRole("button", { name: "Đóng", exact: true }).click();
    await expect(details).toContainText("Đã đóng");
    await expect(details).toContainText("Đã thực hiện xong.");
    await expect(coordinator.getByRole("button", { name: "Mở lại" })).toBeVisible();

    // The officer reads the decision and the closing.
    await officer.goto(detailUrl);
    await expect(officer.getByTestId("escalation-decision")).toHaveText(decision);
    await expect(officer.locator(".ant-descriptions")).toContainText("Đã đóng");

    // The closed item leaves the open list and shows under "Đã đóng".
    await nav(officer).click();
    await expect(officer.getByRole("row").filter({ hasText: title })).toHaveCount(0);
    await officer.getByText("Đã đóng", { exact: true }).click();
    await expect(officer.getByRole("row").filter({ hasText: title })).toContainText("Sở Tài chính");
    expect(await seriousViolations(officer)).toEqual([]);

    // The leadership acts on a version someone else has just changed: the conflict is shown.
    const leader = await as(browser, "lanhdao.tinh");
    await leader.goto(detailUrl);
    await expect(leader.getByRole("button", { name: "Mở lại" })).toBeVisible();
    await coordinator.getByRole("button", { name: "Mở lại" }).click();
    await expect(details).toContainText("Đang xử lý");
    await leader.getByRole("button", { name: "Mở lại" }).click();
    const notice = leader.getByRole("alert").filter({ hasText: "Người khác vừa cập nhật mục này" });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("người khác đã sửa");
    await leader.getByRole("button", { name: "Dùng giá trị hiện tại" }).click();
    await expect(notice).toHaveCount(0);
    await expect(leader.locator(".ant-descriptions")).toContainText("Đang xử lý");
    await expect(leader.getByRole("button", { name: "Cho ý kiến" })).toBeVisible();
  });
});
