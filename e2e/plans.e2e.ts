import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, switchLanguage, test, unique } from "./helpers.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function openPlans(page: Page) {
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Kế hoạch" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Kế hoạch" })).toBeVisible();
}

// A number of its own each time: the same number, date and issuer would be the same document,
// which the importer offers as a duplicate (a retried test imports the plan again).
function smallPlan(title: string): string {
  const number = 100 + Math.floor(Math.random() * 9000);
  return [
    "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
    `Số: ${number}/KH-UBND`,
    "Kiên Giang, ngày 15 tháng 3 năm 2025",
    "",
    "KẾ HOẠCH",
    title,
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
    "2. Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan.",
    "",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục hành chính, hoàn thành trước ngày 30/6/2025.",
    "2. Sở Thông tin và Truyền thông chủ trì xây dựng cổng dịch vụ công, hoàn thành trong quý III năm 2025.",
    "3. Phòng Chuyển đổi số thí điểm chủ trì tổng hợp ý kiến người dân.",
    "",
    "III. TỔ CHỨC THỰC HIỆN",
    "Sở Nội vụ theo dõi, đôn đốc và báo cáo UBND tỉnh trước ngày 15/12/2025.",
    "",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
    "",
  ].join("\n");
}

const mentionCard = (page: Page, name: string) =>
  page.locator(".plans-mention").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });

test.describe("plans", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "dieuphoi");
    await switchLanguage(page, "VI");
  });

  test("the coordinator finds the seed plan and reviews it, source and tree linked", async ({ page }) => {
    await openPlans(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Tìm kế hoạch").fill("ke hoach dai doan ket");
    await page.getByLabel("Tìm kế hoạch").press("Enter");
    await expect(page.getByText("Tìm thấy 1 kế hoạch.")).toBeAttached();
    await page.getByRole("link", { name: /đại đoàn kết toàn dân tộc/ }).click();

    await expect(
      page.getByRole("heading", { level: 1, name: /Chương trình hành động số 51-CTr\/TU/ }),
    ).toBeVisible();
    const source = page.getByRole("listbox", { name: "Văn bản gốc, từng dòng" });
    const tree = page.getByRole("tree", { name: "Cấu trúc kế hoạch" });
    await expect(source.getByRole("option", { name: /Dòng 13: I\. MỤC ĐÍCH VÀ YÊU CẦU/ })).toBeVisible();
    await expect(tree.getByText("II.2.b", { exact: true })).toBeVisible();

    // Tree → source: the task's lines light up and come into view.
    await tree.getByText("II.2.b", { exact: true }).click();
    const lit = source.getByRole("option", { selected: true });
    await expect(lit).toHaveCount(1);
    await expect(lit).toContainText("Sở Nội vụ chủ trì");
    await expect(lit).toBeInViewport();
    await expect(page.getByRole("heading", { level: 2, name: /II\.2\.b/ })).toBeVisible();

    // Source → tree, with the keyboard: the line of task II.1.a selects it.
    await lit.focus();
    await page.keyboard.press("Home");
    await expect(source.getByRole("option", { name: /^Dòng 1:/ })).toBeFocused();
    await source.getByRole("option", { name: /Dòng 37: a\) Tiếp tục tổ chức học tập/ }).click();
    await expect(tree.getByRole("treeitem", { selected: true })).toContainText("II.1.a");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(tree.getByRole("treeitem", { selected: true })).toContainText("II.1.b");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("tab", { name: /Đơn vị được giao/ }).click();
    await expect(page.locator(".plans-mention").first()).toBeVisible();
    await expect(page.locator(".plans-mention.is-open")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Chưa xác nhận" })).toHaveText(
      /Chưa xác nhận\s*0/,
    );
  });

  test("the coordinator imports a plan, corrects it, resolves its units and publishes it", async ({
    page,
  }) => {
    const title = unique("Triển khai thí điểm chuyển đổi số");
    const dir = mkdtempSync(join(tmpdir(), "plans-e2e-"));
    const file = join(dir, "ke-hoach-thu.txt");
    writeFileSync(file, smallPlan(title));
    const empty = join(dir, "trong.txt");
    writeFileSync(empty, "");

    await openPlans(page);
    const upload = page.locator('input[type="file"]');

    await upload.setInputFiles(empty);
    await expect(page.getByRole("alert").filter({ hasText: "Không nhập được kế hoạch" })).toContainText(
      "Tệp trống",
    );

    await upload.setInputFiles(file);
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator(".ant-descriptions").getByText("Dự thảo", { exact: true })).toBeVisible();

    // Correct task II.3's text.
    const tree = page.getByRole("tree", { name: "Cấu trúc kế hoạch" });
    await tree.getByText("II.3", { exact: true }).click();
    await page.getByRole("button", { name: "Sửa mục" }).click();
    const text = page.getByLabel("Nội dung", { exact: true });
    await text.fill("Phòng Chuyển đổi số thí điểm chủ trì tổng hợp ý kiến người dân và doanh nghiệp.");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect(page.getByText("Đã lưu mục II.3.")).toBeVisible();
    await expect(page.locator("#plan-item")).toContainText("ý kiến người dân và doanh nghiệp.");

    // Publishing is refused while units are unconfirmed, with their list.
    await page.getByRole("tab", { name: /Đơn vị được giao/ }).click();
    await page.getByRole("button", { name: "Ban hành" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ban hành" }).click();
    const refusal = page.getByRole("list", { name: "Chưa xác nhận" });
    await expect(refusal).toContainText("Phòng Chuyển đổi số thí điểm");
    await expect(refusal).not.toContainText("Sở Tư pháp");

    // Exact names were confirmed when the plan was imported.
    await expect(mentionCard(page, "Sở Tư pháp")).not.toHaveClass(/is-open/);
    await expect(page.getByText("2 được xác nhận tự động vì trùng tên")).toBeVisible();

    // An alias suggestion is taken as offered; the others are picked in the directory tree.
    await page.getByRole("button", { name: "Chọn Ủy ban nhân dân tỉnh Kiên Giang cho “UBND tỉnh”" }).click();
    await expect(mentionCard(page, "UBND tỉnh")).not.toHaveClass(/is-open/);
    for (const name of ["Sở Thông tin và Truyền thông", "Phòng Chuyển đổi số thí điểm"]) {
      const card = mentionCard(page, name);
      await card.locator(".ant-select").click();
      await page.keyboard.type("so noi vu");
      await page
        .locator(".ant-select-dropdown:visible")
        .getByRole("treeitem", { name: /^Sở Nội vụ \(SNV\)/ })
        .click();
      await page.keyboard.press("Escape");
      await card.getByRole("button", { name: "Xác nhận" }).click();
      await expect(card).not.toHaveClass(/is-open/);
    }
    await expect(page.locator(".plans-mention.is-open")).toHaveCount(0);

    await page.getByRole("button", { name: "Ban hành" }).click();
    const dialog = page.getByRole("dialog", { name: "Ban hành kế hoạch" });
    await expect(dialog).toContainText("Ban hành không thể hoàn tác");
    await dialog.getByRole("button", { name: "Ban hành" }).click();
    await expect(page.getByText("Đã ban hành phiên bản 1.")).toBeVisible();
    await expect(page.locator(".ant-descriptions").getByText("Đã ban hành", { exact: true })).toBeVisible();
  });
});
