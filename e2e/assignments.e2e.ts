import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { callApi, expect, signIn, switchLanguage, test } from "./helpers.ts";

type Summary = {
  id: string;
  itemCode: string;
  itemLabel: string;
  status: string;
  version: number;
  plan: { id: string; title: string };
  unit: { name: string };
  permissions: { update: boolean };
};

// A 1×1 PNG: evidence is recognised by its bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Chooses an option of an antd Select named by its label. */
async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option })
    .first()
    .click();
}

/** The card whose heading has this name. */
const cardOf = (page: Page, heading: string) =>
  page.locator(".ant-card").filter({ has: page.getByRole("heading", { name: heading }) });

async function openAssignments(page: Page, filter: string) {
  return (await callApi(page, "GET", `/api/assignments?${filter}`)).json.items as Summary[];
}

test.describe("my unit's assignments", () => {
  test("an officer filters their assignments, reports progress with evidence and changes the status", async ({
    page,
  }) => {
    // A long journey on a machine shared with other runs.
    test.setTimeout(150_000);
    await signIn(page, "canbo.so");
    await switchLanguage(page, "VI");
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Việc của đơn vị" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Việc của đơn vị" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Số nhiệm vụ theo nhóm" })).toContainText(
      "Hoàn thành đúng hạn",
    );
    const found = page.getByRole("status").filter({ hasText: "nhiệm vụ." });
    await expect(found).toBeVisible();

    // Filter to what is not completed: every row shown is open.
    await pick(page, "Trạng thái", "Chưa hoàn thành");
    await expect(page).toHaveURL(/status=open/);
    const rows = page.locator("tbody tr.ant-table-row");
    await expect(rows.first()).toBeVisible();
    await expect(rows.locator("td:nth-child(3)").filter({ hasText: "Hoàn thành" })).toHaveCount(0);
    await pick(page, "Vai trò", "Thực hiện");
    await expect(page).toHaveURL(/role=implementing/);
    await expect(rows.first()).toContainText("Thực hiện");

    await pick(page, "Thời hạn", "Quá hạn");
    await expect(page).toHaveURL(/due=overdue/);
    await pick(page, "Thời hạn", "Mọi thời hạn");
    await expect(page).not.toHaveURL(/due=/);
    // The same screen in English.
    await switchLanguage(page, "EN");
    await expect(page.getByRole("heading", { level: 1, name: "My unit's assignments" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Deadline" })).toBeVisible();
    await switchLanguage(page, "VI");

    // One of them, on its own page.
    const mine = (await openAssignments(page, "mine=true&status=not_started&role=implementing")).filter(
      (a) => a.permissions.update,
    );
    expect(mine.length).toBeGreaterThan(1);
    const target = mine[0];
    await page.goto(`/assignments/${target.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(target.itemCode);
    await page
      .getByLabel("Nội dung đã thực hiện")
      .fill("Đã tổ chức 3 hội nghị quán triệt cho cán bộ chủ chốt.");
    await page.getByLabel("Tiến độ (%)").fill("40");
    await page.getByRole("button", { name: "Thêm số liệu" }).click();
    await page.getByLabel("Tên chỉ tiêu 1").fill("Số hội nghị");
    await page.getByLabel("Giá trị 1").fill("3");
    await page.locator('input[type="file"]').setInputFiles({
      name: "bien-ban-hoi-nghi.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(page.getByText("Đã gửi báo cáo tiến độ.")).toBeVisible();
    const history = cardOf(page, "Quá trình thực hiện");
    await expect(history).toContainText("Đã tổ chức 3 hội nghị quán triệt");
    await expect(history).toContainText("Số hội nghị: 3");
    await expect(history.getByRole("link", { name: "bien-ban-hoi-nghi.png" })).toBeVisible();
    await expect(page.getByText("Đang thực hiện").first()).toBeVisible();

    // Pausing asks for the reason; an empty one is refused on the spot.
    await page.getByRole("button", { name: "Tạm dừng" }).click();
    const dialog = page.getByRole("dialog", { name: `Tạm dừng nhiệm vụ ${target.itemCode}` });
    await dialog.getByRole("button", { name: "Tạm dừng" }).click();
    await expect(dialog.getByText("Vui lòng nêu lý do tạm dừng.", { exact: true })).toBeVisible();
    await dialog.getByLabel("Lý do tạm dừng").fill("Chờ kinh phí được phân bổ");
    await dialog.getByRole("button", { name: "Tạm dừng" }).click();
    await expect(page.getByText("Đã chuyển trạng thái: Tạm dừng.")).toBeVisible();
    await expect(history).toContainText("Lý do: Chờ kinh phí được phân bổ");
    await expect(page.getByRole("button", { name: "Bắt đầu thực hiện" })).toBeVisible();

    // Someone else reports in between: the conflict is shown, and my change applies on top.
    const current = (await callApi(page, "GET", `/api/assignments/${target.id}`)).json;
    const other = await callApi(page, "POST", `/api/assignments/${target.id}/updates`, {
      version: current.version,
      text: "Báo cáo của đồng nghiệp",
    });
    expect(other.status).toBe(201);
    await page.getByRole("button", { name: "Bắt đầu thực hiện" }).click();
    await expect(page.getByText(/Dữ liệu đã được người khác thay đổi/)).toBeVisible();
    await expect(page.getByText("Báo cáo của đồng nghiệp").first()).toBeVisible();
    await page.getByRole("button", { name: "Áp dụng lại thay đổi của tôi" }).click();
    await expect(page.getByText("Đã chuyển trạng thái: Đang thực hiện.")).toBeVisible();
    expect((await callApi(page, "GET", `/api/assignments/${target.id}`)).json.status).toBe("in_progress");

    // The list page changes a status too.
    const second = mine[1];
    await page.goto(`/assignments?status=not_started&role=implementing`);
    const row = page
      .locator("tbody tr.ant-table-row")
      .filter({ has: page.getByRole("link", { name: new RegExp(second.itemCode.replace(/\./g, "\\.")) }) })
      .first();
    await row.getByRole("button", { name: "Bắt đầu thực hiện" }).click();
    await expect(page.getByText("Đã chuyển trạng thái: Đang thực hiện.")).toBeVisible();
    expect((await callApi(page, "GET", `/api/assignments/${second.id}`)).json.status).toBe("in_progress");
  });

  test("a unit that is not assigned has no status buttons, and the refusal shows if it tries anyway", async ({
    page,
  }) => {
    // The Front's supervisor reads every assignment but reports only on the Front's own.
    await signIn(page, "giamsat");
    await switchLanguage(page, "VI");
    const others = (await openAssignments(page, "status=not_started&limit=100")).filter(
      (a) => !a.permissions.update,
    );
    expect(others.length).toBeGreaterThan(0);
    const foreign = others[0];
    await page.goto(`/assignments/${foreign.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(foreign.itemCode);
    await expect(page.getByText("Bạn chỉ xem nhiệm vụ này")).toBeVisible();
    await expect(page.getByRole("button", { name: "Bắt đầu thực hiện" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Gửi báo cáo" })).toHaveCount(0);
    const forced = await callApi(page, "POST", `/api/assignments/${foreign.id}/status`, {
      version: foreign.version,
      status: "in_progress",
    });
    expect(forced.status).toBe(403);
    expect(forced.json.error.message).toBe("Bạn không có quyền thực hiện thao tác này.");

    // A page that wrongly offered the button: the server's refusal is what the user sees.
    await page.route(`**/api/assignments/${foreign.id}`, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, permissions: { update: true } } });
    });
    await page.reload();
    await page.getByRole("button", { name: "Bắt đầu thực hiện" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Bạn không có quyền thực hiện thao tác này." }),
    ).toBeVisible();
    expect((await callApi(page, "GET", `/api/assignments/${foreign.id}`)).json.status).toBe(foreign.status);
  });

  test("the task page shows who carries a merged department's duties, without rewriting the plan", async ({
    page,
  }) => {
    await signIn(page, "dieuphoi");
    await switchLanguage(page, "VI");
    const plan = (await callApi(page, "GET", "/api/plans")).json.items[0];
    await page.goto(`/plans/${plan.id}/tasks/III.3`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("III.3");
    const actors = cardOf(page, "Đơn vị được nêu trong kế hoạch");
    await expect(actors.locator("q")).toContainText(["Sở Thông tin và Truyền thông"]);
    await expect(actors).toContainText(
      "Sở Thông tin và Truyền thông → từ 01/03/2025: Sở Khoa học và Công nghệ → từ 01/07/2025: Sở Khoa học và Công nghệ tỉnh An Giang",
    );
    // The source text is quoted as written.
    await expect(page.getByText(/Sở Thông tin và Truyền thông chỉ đạo/).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Các đơn vị thực hiện" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // From the plan's tree, the task page is one link away; the matrix from the plan page.
    await page.goto(`/plans/${plan.id}`);
    await page.getByRole("tree", { name: "Cấu trúc kế hoạch" }).getByText("III.3", { exact: true }).click();
    await page.getByRole("link", { name: "Mở trang theo dõi nhiệm vụ này" }).click();
    await expect(page).toHaveURL(new RegExp(`/plans/${plan.id}/tasks/III\\.3$`));
    await page.goto(`/plans/${plan.id}`);
    await page.getByRole("link", { name: "Theo dõi tiến độ thực hiện kế hoạch" }).click();
    await expect(page).toHaveURL(new RegExp(`/plans/${plan.id}/matrix`));
  });

  test("the coordinator opens the matrix from the home page's menu, clicks a cell and sees its assignments", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "dieuphoi");
    await switchLanguage(page, "VI");
    // The home page's overdue units open the list of that unit's overdue assignments.
    const overdue = page.locator(".ant-card").filter({
      has: page.getByRole("heading", { name: "Đơn vị có nhiệm vụ quá hạn" }),
    });
    const unitLink = overdue.locator("ul.home-items a").first();
    const unitName = (await unitLink.textContent()) ?? "";
    await unitLink.click();
    await expect(page.getByText(`Nhiệm vụ của ${unitName}.`)).toBeVisible();
    await expect(page).toHaveURL(/due=overdue/);
    const overdueRows = page.locator("tbody tr.ant-table-row");
    await expect(overdueRows.first()).toContainText("Quá hạn");
    expect(await overdueRows.count()).toBe(await overdueRows.filter({ hasText: unitName }).count());
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Theo dõi tiến độ" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Theo dõi tiến độ" })).toBeVisible();
    await page.locator("tbody").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Bảng theo dõi tiến độ" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Toàn kế hoạch" })).toContainText("Chưa hoàn thành, quá hạn");
    const cell = page.locator("button.asg-cell").first();
    await expect(cell).toBeVisible();
    const label = (await cell.getAttribute("aria-label")) ?? "";
    const [, done, total] = /đã xong (\d+)\/(\d+)/.exec(label) ?? [];
    await cell.click();
    const drawer = page.getByRole("dialog");
    await expect(drawer).toBeVisible();
    await expect(drawer.locator(".ant-list-item")).toHaveCount(Number(total));
    expect(Number(done)).toBeLessThanOrEqual(Number(total));
    expect(await seriousViolations(page)).toEqual([]);
    await drawer.getByRole("button", { name: "Đóng" }).click();

    await page.getByRole("tab", { name: "Theo nhóm nhiệm vụ" }).click();
    await expect(page.getByRole("cell", { name: "Toàn kế hoạch" })).toBeVisible();
    await page.getByRole("tab", { name: "Tiến độ tổng hợp" }).click();
    await expect(page.getByText("trung bình có trọng số", { exact: false }).first()).toBeVisible();
    const weight = page.getByLabel(/^Trọng số của mục /).first();
    await weight.fill("2");
    await weight.blur();
    await expect(page.getByText(/^Đã lưu trọng số của mục/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the list fits the screen and the assignment page is usable", async ({ page }) => {
    await signIn(page, "canbo.so");
    await switchLanguage(page, "VI");
    await page.goto("/assignments?status=open");
    await expect(page.getByRole("heading", { level: 1, name: "Việc của đơn vị" })).toBeVisible();
    const first = page.locator("article.asg-card").first();
    await expect(first).toBeVisible();
    await expect(first.getByText(/Thời hạn/)).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await first.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Quá trình thực hiện" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
