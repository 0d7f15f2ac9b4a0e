import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, test, unique } from "./helpers.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A unit's own plan (kế hoạch cụ thể) carrying out the provincial one. */
function unitPlan(title: string): string {
  return [
    "UBND TỈNH KIÊN GIANG",
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "Số: 45/KH-SVHTTDL",
    "Kiên Giang, ngày 10 tháng 4 năm 2025",
    "",
    "KẾ HOẠCH",
    title,
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Cụ thể hóa các nhiệm vụ của kế hoạch tỉnh trong ngành văn hóa.",
    "",
    "II. NHIỆM VỤ",
    "1. Tổ chức tuyên truyền, quán triệt chương trình hành động đến cán bộ, công chức của Sở, hoàn thành trong quý II năm 2025.",
    "2. Xây dựng đời sống văn hóa ở khu dân cư, thực hiện hằng năm.",
    "",
  ].join("\n");
}

const statusTable = (page: Page) =>
  page.getByRole("region", { name: "Kế hoạch cụ thể của các đơn vị" }).getByRole("table");

async function openSeedPlan(page: Page) {
  await page.goto("/plans");
  await page.getByRole("link", { name: /đại đoàn kết toàn dân tộc/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: /Chương trình hành động số 51-CTr\/TU/ }),
  ).toBeVisible();
  await page.getByRole("tab", { name: "Kế hoạch của đơn vị" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Kế hoạch cụ thể của các đơn vị" })).toBeVisible();
}

test.describe("units' own plans under the seed plan", () => {
  test("a unit imports its plan, links a task, and the coordinator follows who has issued", async ({
    page,
  }) => {
    // The coordinator: every unit owing a plan, none issued in the demo.
    await signIn(page, "dieuphoi");
    await openSeedPlan(page);
    const counts = page.getByTestId("subplans-counts");
    await expect(counts).toHaveText(/^Đã ban hành 0\/\d+ kế hoạch của đơn vị\.$/);
    const expected = Number((await counts.textContent())?.match(/0\/(\d+)/)?.[1]);
    expect(expected).toBeGreaterThan(1);
    const table = statusTable(page);
    await page.getByRole("checkbox", { name: "Chỉ hiện đơn vị chưa ban hành" }).check();
    await expect(table.getByRole("row").filter({ hasText: "Chưa ban hành" })).toHaveCount(
      Math.min(expected, 20),
    );
    await page.getByRole("searchbox", { name: "Tìm đơn vị" }).fill("văn hóa và thể thao");
    await expect(table.getByRole("row").filter({ hasText: "Sở Văn hóa và Thể thao" })).toContainText(
      "Chưa ban hành",
    );
    await page.getByRole("searchbox", { name: "Tìm đơn vị" }).fill("không có đơn vị này");
    await expect(table).toContainText("Không có đơn vị nào khớp.");
    expect(await seriousViolations(page)).toEqual([]);

    // An officer of Sở Văn hóa và Thể thao imports the unit's plan.
    await page.context().clearCookies();
    await signIn(page, "canbo.so");
    await openSeedPlan(page);
    const unitPicker = page.getByRole("combobox", { name: "Đơn vị ban hành" });
    await expect(unitPicker).toBeVisible();
    const title = unique("Triển khai chương trình hành động trong ngành văn hóa");
    const dir = mkdtempSync(join(tmpdir(), "subplans-e2e-"));
    const empty = join(dir, "trong.txt");
    writeFileSync(empty, "");
    const file = join(dir, "ke-hoach-svhttdl.txt");
    writeFileSync(file, unitPlan(title));
    const upload = page.locator('input[type="file"]');
    await upload.setInputFiles(empty);
    await expect(page.getByRole("alert").filter({ hasText: "Không nhập được kế hoạch" })).toContainText(
      "Tệp trống",
    );
    await upload.setInputFiles(file);
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText(/Chương trình hành động số 51-CTr\/TU/).first()).toBeVisible();

    // Its task II.1 carries out the seed plan's task II.1.a.
    // (the recognition warning names the task: its button selects it in the tree)
    await page.getByRole("button", { name: "II.1", exact: true }).click();
    const links = page.getByRole("region", { name: "Thực hiện nhiệm vụ của kế hoạch cấp trên" });
    await expect(links).toContainText("Nhiệm vụ này chưa gắn với nhiệm vụ nào của kế hoạch cấp trên.");
    const parentTask = links.getByRole("combobox", { name: "Nhiệm vụ của kế hoạch cấp trên" });
    await parentTask.click();
    await parentTask.fill("II.1.a");
    await expect(page.getByRole("option", { name: /^II\.1\.a — / })).toBeAttached();
    await page.keyboard.press("Enter");
    await links.getByRole("button", { name: "Gắn nhiệm vụ" }).click();
    await expect(page.getByText("Đã gắn với nhiệm vụ II.1.a của kế hoạch cấp trên.")).toBeVisible();
    await expect(links.getByRole("link", { name: /^II\.1\.a — / })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await page.getByRole("button", { name: "II.1", exact: true }).click();
    await expect(links.getByRole("link", { name: /^II\.1\.a — / })).toBeVisible();

    // A draft is not an issued plan: the coordinator still sees the unit as not issued.
    await page.context().clearCookies();
    await signIn(page, "dieuphoi");
    await openSeedPlan(page);
    await expect(page.getByTestId("subplans-counts")).toHaveText(
      `Đã ban hành 0/${expected} kế hoạch của đơn vị.`,
    );
    await page.getByRole("searchbox", { name: "Tìm đơn vị" }).fill("Sở Văn hóa và Thể thao");
    await expect(
      statusTable(page).getByRole("row").filter({ hasText: "Sở Văn hóa và Thể thao" }),
    ).toContainText("Chưa ban hành");
  });
});
