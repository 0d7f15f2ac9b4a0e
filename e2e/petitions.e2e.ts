import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signIn, switchLanguage, test } from "./helpers.ts";

// The staff's petition screens, on the demo province: a letter entered by the coordinator goes to
// the culture department on the classifier's suggestion; its officer drafts the answer, its
// leader reads the masked version and approves; the case is closed "not resolved" with the
// reason; a repeat letter is offered as a duplicate and merged; the supervisor sees it masked.

const KARAOKE =
  "Quán karaoke cạnh nhà văn hóa mở nhạc đến hai giờ sáng, loa công suất lớn, cả xóm không ngủ được; đề nghị kiểm tra giấy phép kinh doanh karaoke.";
const run = Date.now().toString(36);
const phone = `09${String(10_000_000 + (Date.now() % 89_999_999)).padStart(8, "0")}`;
const spaced = `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
const CITIZEN = "Trương Văn Khiếu";

async function as(page: Page, username: string) {
  await page.context().clearCookies();
  await signIn(page, username);
  await switchLanguage(page, "VI");
}

/** Picks an option in the open antd drop-down by its visible text. */
async function pick(page: Page, label: string) {
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: new RegExp(`^${label}$`) })
    .first()
    .click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Fills the staff intake form and saves it; answers the tracking code shown. */
async function enterLetter(page: Page, text: string) {
  await page.goto("/petitions/new");
  await expect(page.getByRole("heading", { level: 1, name: "Nhập hồ sơ" })).toBeVisible();
  await page.getByLabel("Kênh tiếp nhận").click();
  await pick(page, "Tiếp công dân");
  await page.getByLabel("Xã, phường nơi xảy ra vụ việc").click();
  await page.keyboard.type("rach gia");
  await pick(page, "Phường Rạch Giá");
  await page.getByLabel("Lĩnh vực").click();
  await pick(page, "Văn hóa, du lịch, tiếng ồn");
  await page.getByLabel("Nội dung").fill(text);
  await page.getByLabel("Họ tên người gửi").fill(CITIZEN);
  await page.getByLabel("Số điện thoại").fill(spaced);
  await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
  const created = page.getByText(/^Đã tiếp nhận hồ sơ PA-/).first();
  await expect(created).toBeVisible();
  return (await created.textContent())!.match(/PA-[A-Z0-9]{5}-[A-Z0-9]{5}/)![0];
}

test.describe
  .serial("petitions: staff screens", () => {
    let code = "";
    let caseUrl = "";

    test("the coordinator enters a letter, finds it in the inbox and sends it to the suggested unit", async ({
      page,
    }) => {
      await as(page, "dieuphoi");
      await page
        .getByRole("navigation", { name: "Điều hướng chính" })
        .getByRole("link", { name: "Phản ánh, kiến nghị" })
        .click();
      await expect(page.getByRole("heading", { level: 1, name: "Phản ánh, kiến nghị" })).toBeVisible();
      // Counts by status, the closings apart.
      await expect(page.getByRole("button", { name: /^Đã giải quyết xong \(\d+\)$/ })).toBeVisible();
      await expect(page.getByRole("button", { name: /^Đóng — chưa giải quyết được \(\d+\)$/ })).toBeVisible();

      // Bad input is refused next to its field, nothing is saved.
      await page.goto("/petitions/new");
      await page.getByLabel("Nội dung").fill("quá ngắn");
      await page.getByLabel("Họ tên người gửi").fill(CITIZEN);
      await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
      // Each message stands beside its field, and the summary above the form links to it.
      await expect(page.getByText("Nội dung cần ít nhất 20 ký tự.", { exact: true })).toBeVisible();
      await expect(page.getByText("Cần số điện thoại hoặc email.", { exact: true }).first()).toBeVisible();
      await expect(page.getByText("Trường này là bắt buộc.", { exact: true }).first()).toBeVisible();
      const summary = page.getByRole("alert").filter({ has: page.getByRole("list") });
      await expect(
        summary.getByRole("link", { name: "Nội dung: Nội dung cần ít nhất 20 ký tự." }),
      ).toBeVisible();
      await summary.getByRole("link", { name: /^Nội dung:/ }).click();
      await expect(page.getByLabel("Nội dung")).toBeFocused();
      await page.getByLabel("Số điện thoại").fill("12345");
      await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
      await expect(page.getByText(/^Số điện thoại chỉ gồm chữ số/)).toBeVisible();
      // Well formed, but not a Vietnamese number: the server refuses it, in Vietnamese.
      await page.getByLabel("Số điện thoại").fill("0123 456 789");
      await page.getByLabel("Nội dung").fill(`${KARAOKE} (${run})`);
      await page.getByLabel("Xã, phường nơi xảy ra vụ việc").click();
      await page.keyboard.type("rach gia");
      await pick(page, "Phường Rạch Giá");
      await page.getByRole("button", { name: "Lưu hồ sơ" }).click();
      // The server's own refusal, in Vietnamese, beside the phone field.
      await expect(
        page.getByRole("alert").filter({ hasText: "Số điện thoại không đúng định dạng Việt Nam" }).first(),
      ).toBeVisible();
      await expect(page.getByText(/^Đã tiếp nhận hồ sơ/)).toHaveCount(0);

      code = await enterLetter(page, `${KARAOKE} (${run})`);

      // Found without diacritics, by words of the text.
      await page.goto("/petitions");
      await page
        .getByLabel("Tìm hồ sơ")
        .fill(`quan karaoke canh nha van hoa mo nhac den hai gio sang, loa cong suat lon`);
      await page.getByRole("button", { name: "Tìm", exact: true }).click();
      const row = page.locator("tbody tr.ant-table-row").filter({ hasText: code });
      await expect(row).toBeVisible();
      await expect(row).toContainText("Phản ánh");
      await expect(row).toContainText("Chưa chuyển");
      await expect(row).toContainText(/còn \d+ ngày làm việc|hết hạn hôm nay/);
      await row.getByRole("link", { name: code }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
      caseUrl = page.url();

      // Personal data for the coordinator, with the notice that the read is logged.
      await expect(page.getByText(/Việc xem thông tin cá nhân của người gửi được ghi lại/)).toBeVisible();
      await expect(page.getByText(CITIZEN)).toBeVisible();
      await expect(page.getByTestId("clock-route")).toContainText("Căn cứ");
      await expect(page.getByTestId("clock-answer")).toContainText("ngày làm việc");

      // The classifier's three likeliest units, with their confidence; the coordinator confirms one.
      const routing = page.getByTestId("routing-card");
      await expect(routing.getByRole("progressbar")).toHaveCount(3);
      await routing
        .getByRole("button", { name: /Chuyển cho đơn vị này: Sở Văn hóa, Thể thao và Du lịch/ })
        .click();
      await expect(page.getByTestId("case-status")).toHaveText("Đã chuyển đơn vị");
      await expect(page.getByText(/Sở Văn hóa, Thể thao và Du lịch/).first()).toBeVisible();
      await expect(page.getByRole("list", { name: "Quá trình xử lý" })).toContainText("Chuyển đơn vị xử lý");
    });

    test("the officer drafts, the leader returns it, then approves the masked version", async ({ page }) => {
      await as(page, "canbo.so");
      await page.goto(caseUrl);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
      await expect(page.getByText(spaced)).toBeVisible();
      const editor = page.getByLabel("Dự thảo trả lời");
      await editor.fill("ngắn");
      await page.getByRole("button", { name: "Lưu và trình lãnh đạo" }).click();
      await expect(page.getByText("Trả lời cần ít nhất 20 ký tự.", { exact: true })).toBeVisible();
      await editor.fill(
        `Kính gửi ông ${CITIZEN} (điện thoại ${spaced}): Sở đã kiểm tra cơ sở karaoke, lập biên bản và xử phạt theo quy định.`,
      );
      await page.getByRole("button", { name: "Lưu và trình lãnh đạo" }).click();
      await expect(page.getByTestId("answer-status")).toHaveText("Dự thảo — chờ lãnh đạo duyệt");
      await expect(page.getByText("Chỉ lãnh đạo đơn vị xử lý mới duyệt được trả lời.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Duyệt và công bố" })).toHaveCount(0);

      await as(page, "lanhdao.so");
      await page.goto(caseUrl);
      // The leader returns it with a comment first.
      await page.getByRole("button", { name: "Trả lại để sửa" }).click();
      await page.getByRole("button", { name: "Trả lại dự thảo" }).click();
      await expect(page.getByText("Hãy nêu ý kiến (ít nhất 5 ký tự).", { exact: true })).toBeVisible();
      await page.getByLabel("Ý kiến của lãnh đạo (nêu cần sửa gì)").fill("Ghi rõ số biên bản xử phạt.");
      await page.getByRole("button", { name: "Trả lại dự thảo" }).click();
      await expect(page.getByTestId("answer-returned")).toContainText("Ghi rõ số biên bản xử phạt.");

      // The officer revises it.
      await as(page, "canbo.so");
      await page.goto(caseUrl);
      await expect(page.getByTestId("answer-returned")).toContainText("Ghi rõ số biên bản xử phạt.");
      await page.getByRole("button", { name: "Sửa dự thảo" }).click();
      await page
        .getByLabel("Dự thảo trả lời")
        .fill(
          `Kính gửi ông ${CITIZEN} (điện thoại ${spaced}): Sở đã kiểm tra cơ sở karaoke, lập biên bản số 12/BB-VPHC và xử phạt theo quy định.`,
        );
      await page.getByRole("button", { name: "Lưu và trình lãnh đạo" }).click();
      await expect(page.getByTestId("answer-returned")).toHaveCount(0);

      // The leader reads the masked version that will be published, then approves.
      await as(page, "lanhdao.so");
      await page.goto(caseUrl);
      const preview = page.getByTestId("answer-preview");
      await expect(preview).toContainText("[số điện thoại]");
      await expect(preview).toContainText("12/BB-VPHC");
      await expect(preview).not.toContainText(phone.slice(-6));
      await expect(preview).not.toContainText("Khiếu");
      await page.getByRole("button", { name: "Duyệt và công bố" }).click();
      await page.getByRole("tooltip").getByRole("button", { name: "Duyệt và công bố" }).click();
      await expect(page.getByTestId("case-status")).toHaveText("Đã trả lời");
      const published = page.getByTestId("published-answer");
      await expect(published).toContainText("[số điện thoại]");
      await expect(published).not.toContainText("Khiếu");
      await expect(page.getByRole("list", { name: "Quá trình xử lý" })).toContainText("Công bố trả lời");
    });

    test("closing as not resolved needs the reason and reads apart from resolved", async ({ page }) => {
      await as(page, "lanhdao.so");
      await page.goto(caseUrl);
      const close = page.getByTestId("close-card");
      await close.getByLabel("Chưa giải quyết được").check();
      await close.getByRole("button", { name: "Đóng hồ sơ" }).click();
      await expect(close.getByText("Hãy nêu lý do chưa giải quyết được.", { exact: true })).toBeVisible();
      await close
        .getByLabel("Lý do chưa giải quyết được")
        .fill("Chủ cơ sở chưa chấp hành; đã chuyển Thanh tra tỉnh.");
      await close.getByRole("button", { name: "Đóng hồ sơ" }).click();
      const outcome = page.getByTestId("outcome");
      await expect(outcome).toContainText("Đã đóng hồ sơ nhưng vụ việc CHƯA được giải quyết.");
      await expect(outcome).toContainText("Chủ cơ sở chưa chấp hành");
      await expect(page.getByTestId("case-status")).toHaveText("Đóng — chưa giải quyết được");
      await expect(page.getByTestId("close-card")).toHaveCount(0);
    });

    test("a repeat letter is offered as a duplicate and merged into the case", async ({ page }) => {
      await as(page, "dieuphoi");
      const first = await enterLetter(page, `${KARAOKE} Gửi lại lần hai (${run}).`);
      // The earlier letter of the same person is offered; merge the new one into the open one.
      await expect(
        page.getByRole("heading", { name: "Có hồ sơ có thể trùng với hồ sơ vừa nhập" }),
      ).toBeVisible();
      const repeat = await enterLetter(page, `${KARAOKE} Gửi lại lần ba (${run}).`);
      const offered = page.locator(".petitions-cards > li").filter({ hasText: first });
      await expect(offered).toContainText("Cùng người gửi");
      await offered.getByRole("button", { name: `Gộp hồ sơ này vào ${first}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Gộp hồ sơ", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(first);
      await expect(page.getByRole("list", { name: "Quá trình xử lý" })).toContainText(
        "Gộp hồ sơ trùng vào đây",
      );
      await expect(page.getByRole("list", { name: "Quá trình xử lý" })).toContainText(repeat);

      // The merged case keeps its own timeline and points to the one that goes on.
      await page.goto("/petitions?status=merged");
      await page.locator("tbody tr.ant-table-row").filter({ hasText: repeat }).getByRole("link").click();
      await expect(page.getByTestId("case-status")).toHaveText("Đã gộp");
      await expect(page.getByRole("list", { name: "Quá trình xử lý" })).toContainText("Tiếp nhận");
      await page.getByRole("link", { name: "Mở hồ sơ được giữ lại" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(first);
      // The citizen's tracking code still answers, with the case it was merged into.
      const view = await page.request.get(`/api/public/petitions/${repeat}`);
      expect(view.status()).toBe(200);
      expect((await view.json()).status).toBe("merged");
    });

    test("those who do not handle the case see it masked, others not at all", async ({ page }) => {
      await as(page, "giamsat");
      await page.goto(caseUrl);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
      await expect(page.getByText(/Bạn không xử lý hồ sơ này/)).toBeVisible();
      await expect(page.getByTestId("petition-text")).toBeVisible();
      await expect(page.locator("body")).not.toContainText(CITIZEN);
      await expect(page.locator("body")).not.toContainText(spaced);
      await expect(page.getByText("Ở trạng thái này, bạn không có thao tác nào trên hồ sơ.")).toBeVisible();

      await as(page, "baochi");
      await expect(
        page
          .getByRole("navigation", { name: "Điều hướng chính" })
          .getByRole("link", { name: "Phản ánh, kiến nghị" }),
      ).toHaveCount(0);
      await page.goto(caseUrl);
      await expect(
        page.getByText("Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này."),
      ).toBeVisible();
      await expect(page.locator("body")).not.toContainText(CITIZEN);
    });

    test("the dashboard shows each unit's figures, resolved and not resolved apart", async ({ page }) => {
      await as(page, "dieuphoi");
      await page.goto("/petitions/stats");
      await expect(
        page.getByRole("heading", { level: 1, name: "Thống kê phản ánh, kiến nghị" }),
      ).toBeVisible();
      const table = page.getByRole("table");
      await expect(table.getByRole("columnheader", { name: "Đóng — chưa giải quyết" })).toBeVisible();
      await expect(
        table.getByRole("columnheader", { name: "Thực sự giải quyết (theo công dân)" }),
      ).toBeVisible();
      await expect(
        table.getByRole("row").filter({ hasText: "Sở Văn hóa, Thể thao và Du lịch" }).first(),
      ).toBeVisible();
      await expect(page.getByRole("img", { name: /Biểu đồ cột/ }).locator("canvas")).toBeVisible();
    });

    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 800 }],
      ["phone", { width: 375, height: 740 }],
    ] as const) {
      test(`the inbox and the case page have no serious or critical axe violation (${name})`, async ({
        page,
      }) => {
        await page.setViewportSize(viewport);
        await as(page, "dieuphoi");
        await page.goto("/petitions");
        await expect(page.getByRole("heading", { level: 1, name: "Phản ánh, kiến nghị" })).toBeVisible();
        await expect(page.getByRole("link", { name: /^PA-/ }).first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        await page.goto(caseUrl);
        await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
        await expect(page.getByTestId("outcome")).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  });
