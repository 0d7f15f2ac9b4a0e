import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, switchLanguage, test, unique } from "./helpers.ts";

type Summary = { id: string; itemCode: string; unit: { id: string; name: string } };

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function getJson(page: Page, url: string) {
  const response = await page.request.get(url, { headers: { "accept-language": "vi" } });
  expect(response.status(), url).toBe(200);
  return response.json();
}

/** Units with open assignments, each with how many it holds: what an event would have to move. */
async function unitsWithOpenWork(page: Page) {
  const items = (await getJson(page, "/api/assignments?status=open&limit=500")).items as Summary[];
  const units = new Map(items.map((a) => [a.unit.id, a.unit]));
  return {
    all: [...units.values()],
    /** Every open assignment of the unit, not only those in the first page. */
    count: async (unit: { id: string }) =>
      (await getJson(page, `/api/assignments?status=open&unitId=${unit.id}&limit=1`)).total as number,
  };
}

const todayInVietnam = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());

async function openNewEvent(page: Page, mode: "form" | "json") {
  await page.goto("/restructuring");
  await expect(page.getByRole("heading", { level: 1, name: "Sắp xếp tổ chức bộ máy" })).toBeVisible();
  await page.getByRole("tab", { name: "Nhập sự kiện mới" }).click();
  if (mode === "json") await page.getByText("Tệp JSON", { exact: true }).click();
}

test.describe("restructuring", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await switchLanguage(page, "VI");
  });

  test("the administrator sees the events applied and the directory as it stood on a date", async ({
    page,
  }) => {
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Sắp xếp tổ chức bộ máy" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Sắp xếp tổ chức bộ máy" })).toBeVisible();
    const events = page.locator("tbody tr.ant-table-row");
    await expect(events.filter({ hasText: "01/07/2025" }).first()).toBeVisible();
    const march = events.filter({ hasText: "01/03/2025" }).first();
    await expect(march).toContainText("Sở Lao động - Thương binh và Xã hội → Sở Nội vụ");
    // The whole outcome, one row further.
    await march.getByRole("button", { name: "Mở rộng dòng" }).click();
    await expect(page.getByRole("region", { name: "Đơn vị ngừng hoạt động" }).first()).toContainText(
      "Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ",
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("tab", { name: "Danh bạ theo ngày" }).click();
    const date = page.getByLabel("Xem danh bạ vào ngày");
    await date.click();
    await date.fill("30/06/2024");
    await date.press("Enter");
    await expect(
      page.getByRole("status").filter({ hasText: "đơn vị có hiệu lực ngày 30/06/2024" }),
    ).toBeVisible();
    await expect(page.getByRole("tree")).toContainText("Ủy ban nhân dân tỉnh Kiên Giang");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("an event that leaves open assignments with no successor is refused with the list", async ({
    page,
  }) => {
    const units = await unitsWithOpenWork(page);
    const unit = { ...units.all[0], n: await units.count(units.all[0]) };
    await openNewEvent(page, "json");
    await page.getByLabel("Nội dung sự kiện (JSON)").fill(
      JSON.stringify({
        title: "Giải thể không có đơn vị kế thừa",
        effectiveDate: todayInVietnam(),
        legalBasis: "Quyết định thử nghiệm",
        changes: [{ kind: "dissolve", unit: unit.id, successors: [] }],
      }),
    );
    await page.getByRole("button", { name: "Chạy thử" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Không thể áp dụng sự kiện" });
    await expect(alert).toBeVisible();
    await expect(alert.locator(".rs-problems li")).toHaveCount(unit.n);
    await expect(alert.locator(".rs-problems li").first()).toContainText(`“${unit.name}”: nhiệm vụ`);
    await expect(page.getByRole("button", { name: "Áp dụng sự kiện" })).toBeDisabled();

    // Not JSON, or not an event: said so before anything is sent.
    await page.getByLabel("Nội dung sự kiện (JSON)").fill("{ không phải json");
    await page.getByRole("button", { name: "Chạy thử" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Nội dung không phải JSON hợp lệ" }),
    ).toBeVisible();
    await page.getByLabel("Nội dung sự kiện (JSON)").fill('{"title": "x"}');
    await page.getByRole("button", { name: "Chạy thử" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "không đúng cấu trúc sự kiện" })).toContainText(
      "effectiveDate",
    );
  });

  test("a merger: the dry run lists the assignments that move and to whom, then it is applied", async ({
    page,
  }) => {
    const units = await unitsWithOpenWork(page);
    const picked =
      units.all.find((u) => u.name.startsWith("Sở ") && !/Văn hóa|Nội vụ|Khoa học/.test(u.name)) ??
      units.all[1];
    const unit = { ...picked, n: await units.count(picked) };
    const detail = await getJson(page, `/api/units/${unit.id}`);
    const newName = unique("Sở hợp nhất thử nghiệm");
    await openNewEvent(page, "json");
    await page.getByLabel("Nội dung sự kiện (JSON)").fill(
      JSON.stringify({
        title: `Hợp nhất ${unit.name}`,
        effectiveDate: todayInVietnam(),
        legalBasis: "Nghị quyết thử nghiệm số 1/NQ-HĐND",
        changes: [
          {
            kind: "merge",
            from: [unit.id],
            into: { key: "moi", name: newName, type: "department", parent: detail.parentId },
          },
        ],
      }),
    );
    await expect(page.getByRole("button", { name: "Áp dụng sự kiện" })).toBeDisabled();
    await page.getByRole("button", { name: "Chạy thử" }).click();
    const result = page.getByRole("region", { name: "Kết quả chạy thử (chưa ghi gì)" });
    await expect(result).toBeVisible();
    await expect(result.getByRole("region", { name: "Đơn vị ngừng hoạt động" })).toContainText(
      `${unit.name} → ${newName}`,
    );
    const moving = result.getByRole("region", { name: "Nghĩa vụ chuyển cho đơn vị kế thừa" });
    await expect(moving).toContainText(`${unit.n} nhiệm vụ chưa hoàn thành`);
    await expect(moving).toContainText(newName);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Áp dụng sự kiện" }).click();
    await expect(page.getByText(`Đã áp dụng sự kiện “Hợp nhất ${unit.name}”.`)).toBeVisible();
    await expect(
      page.getByRole("alert").filter({ hasText: "Đã áp dụng sự kiện. Những gì đã thay đổi" }),
    ).toContainText(`${unit.n} nhiệm vụ chưa hoàn thành`);
    const left = (await getJson(page, `/api/assignments?status=open&unitId=${unit.id}`)).total;
    expect(left).toBe(0);
    await page.getByRole("button", { name: "Xem danh sách sự kiện" }).click();
    await expect(page.locator("tbody tr.ant-table-row").first()).toContainText(`Hợp nhất ${unit.name}`);
  });

  test("a rename entered with the form", async ({ page }) => {
    const rename = unique("Ban Quản lý Khu kinh tế tỉnh An Giang (đổi tên)");
    await openNewEvent(page, "form");
    await page.getByLabel("Tên sự kiện").fill("Đổi tên Ban Quản lý Khu kinh tế");
    const date = page.getByLabel("Ngày có hiệu lực");
    await date.click();
    const [y, m, d] = todayInVietnam().split("-");
    await date.fill(`${d}/${m}/${y}`);
    await date.press("Enter");
    await page.getByLabel("Căn cứ pháp lý").fill("Quyết định số 99/QĐ-UBND");
    // Nothing sent until the form is complete.
    await page.getByRole("button", { name: "Chạy thử" }).click();
    await expect(page.getByText("Trường này là bắt buộc.", { exact: true }).first()).toBeVisible();
    const unitField = page.getByLabel("Đơn vị", { exact: true });
    await unitField.click();
    await page.keyboard.type("Khu kinh te");
    await page
      .locator(".ant-select-tree-node-content-wrapper")
      .filter({ hasText: /^Ban Quản lý Khu kinh tế tỉnh An Giang$/ })
      .first()
      .click();
    await page.getByLabel("Tên mới").fill(rename);
    await page.getByRole("button", { name: "Chạy thử" }).click();
    const result = page.getByRole("region", { name: "Kết quả chạy thử (chưa ghi gì)" });
    await expect(result.getByRole("region", { name: "Đổi tên" })).toContainText(
      `Ban Quản lý Khu kinh tế tỉnh An Giang → ${rename}`,
    );
    await expect(result).toContainText("Không đơn vị nào ngừng hoạt động");
    // Changing the form after the dry run asks for a new one.
    await page.getByLabel("Căn cứ pháp lý").fill("Quyết định số 100/QĐ-UBND");
    await expect(page.getByRole("button", { name: "Áp dụng sự kiện" })).toBeDisabled();
    await page.getByRole("button", { name: "Chạy thử" }).click();
    await page.getByRole("button", { name: "Áp dụng sự kiện" }).click();
    await expect(page.getByText("Đã áp dụng sự kiện “Đổi tên Ban Quản lý Khu kinh tế”.")).toBeVisible();
    const found = (await getJson(page, `/api/units?q=${encodeURIComponent(rename)}`)).items;
    expect(found.map((u: { name: string }) => u.name)).toContain(rename);
  });

  test("a split is applied only once every open assignment is mapped and the mapping confirmed", async ({
    page,
  }) => {
    const units = await unitsWithOpenWork(page);
    const wards = units.all.filter((u) => u.name.startsWith("Ủy ban nhân dân phường"));
    let ward = { ...wards[0], n: 0 };
    for (const w of wards) {
      ward = { ...w, n: await units.count(w) };
      if (ward.n >= 2) break;
    }
    const detail = await getJson(page, `/api/units/${ward.id}`);
    const [north, south] = [unique("Ủy ban nhân dân phường Bắc"), unique("Ủy ban nhân dân phường Nam")];
    await openNewEvent(page, "json");
    await page.getByLabel("Nội dung sự kiện (JSON)").fill(
      JSON.stringify({
        title: `Chia tách ${ward.name}`,
        effectiveDate: todayInVietnam(),
        legalBasis: "Nghị quyết thử nghiệm số 2/NQ-UBTVQH15",
        changes: [
          {
            kind: "split",
            from: ward.id,
            into: [
              { key: "bac", name: north, type: "commune", parent: detail.parentId },
              { key: "nam", name: south, type: "commune", parent: detail.parentId },
            ],
          },
        ],
      }),
    );
    await page.getByRole("button", { name: "Chạy thử" }).click();
    const mapping = page.getByRole("region", { name: /Phân giao nhiệm vụ khi chia tách/ });
    await expect(mapping).toContainText(`${ward.n} nhiệm vụ chưa hoàn thành`);
    const rows = mapping.locator("tbody tr.ant-table-row");
    await expect(rows).toHaveCount(ward.n);
    const apply = page.getByRole("button", { name: "Áp dụng sự kiện" });
    await expect(apply).toBeDisabled();

    // The first assignment: to the southern ward only; then one left with nobody.
    const first = rows.first();
    const firstId = (await first.getAttribute("data-row-key")) ?? "";
    await first.getByRole("checkbox", { name: south }).check();
    if (await first.getByRole("checkbox", { name: north }).isChecked()) {
      await first.getByRole("checkbox", { name: north }).uncheck();
    }
    const second = rows.nth(1);
    for (const name of [north, south]) {
      const box = second.getByRole("checkbox", { name });
      if (await box.isChecked()) await box.uncheck();
    }
    await expect(page.getByText("1 nhiệm vụ chưa chọn đơn vị nhận.")).toBeVisible();
    const confirm = page.getByRole("checkbox", { name: /Tôi đã rà soát và xác nhận phân giao/ });
    await expect(confirm).toBeDisabled();
    await second.getByRole("checkbox", { name: north }).check();
    await expect(apply).toBeDisabled();
    await confirm.check();
    await expect(apply).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
    await apply.click();
    await expect(page.getByText(`Đã áp dụng sự kiện “Chia tách ${ward.name}”.`)).toBeVisible();

    const to = (await getJson(page, `/api/assignments/${firstId}`)).transferredTo.map(
      (t: { unit: { name: string } }) => t.unit.name,
    );
    expect(to).toEqual([south]);
  });
});
