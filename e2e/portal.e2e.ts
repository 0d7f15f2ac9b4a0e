import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { DEMO_PASSWORD, expect, test } from "./helpers.ts";

// The citizens' portal (/cong-dan): a light page of its own, no account needed. A citizen on a
// phone reads the plan's progress, sends a petition with an attachment, keeps the tracking
// code, looks it up, and later rates the answer.

const PHONE = { width: 375, height: 740 };
// A real 1×1 PNG: the server recognises files by their bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const TEXT =
  "Đèn chiếu sáng trên tuyến đường ven kênh trước chợ đã hỏng hơn một tháng, buổi tối rất tối và nguy hiểm cho người đi đường.";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** A random phone number of the mobile plan, so that runs do not share the per-contact limit. */
function randomPhone(): string {
  return `09${String(Math.floor(Math.random() * 100_000_000)).padStart(8, "0")}`;
}

async function fillPetition(page: Page, options: { commune?: boolean; phone: string }) {
  await page.getByLabel("Lĩnh vực").selectOption({ label: "Điện, nước sinh hoạt" });
  if (options.commune !== false) {
    const commune = page.getByRole("combobox", { name: /Xã, phường, đặc khu/ });
    await commune.fill("rach gia");
    await page.getByRole("option", { name: "Phường Rạch Giá" }).click();
    await expect(commune).toHaveValue("Phường Rạch Giá");
  }
  await page.getByRole("textbox", { name: /^Nội dung/ }).fill(TEXT);
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Cổng");
  await page.getByLabel("Số điện thoại").fill(options.phone);
}

test.describe("the citizens' portal on a phone", () => {
  test.use({ viewport: PHONE });

  test("reads the plan's progress by heading, without an account", async ({ page }) => {
    await page.goto("/cong-dan");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(
      page.getByRole("heading", { level: 1, name: "Kế hoạch của tỉnh và tiến độ thực hiện" }),
    ).toBeVisible();
    // Other browser tests may have published plans of their own: read the seed plan's card.
    const seed = page.getByRole("article", { name: /^Kế hoạch thực hiện Chương trình hành động/ });
    await expect(seed.getByRole("heading", { level: 2 })).toBeVisible();
    await expect(seed.getByRole("heading", { name: "Kế hoạch nhằm mục đích gì" })).toBeVisible();
    const bars = seed.getByRole("progressbar");
    expect(await bars.count()).toBeGreaterThan(3);
    const overall = await bars.first().getAttribute("aria-valuenow");
    expect(Number(overall)).toBeGreaterThan(0);
    expect(Number(overall)).toBeLessThanOrEqual(100);
    await expect(seed.getByText(/^II\.1$/)).toBeVisible();
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("sends a petition with an attachment, keeps the code and looks it up", async ({ page }) => {
    await page.goto("/cong-dan");
    await page
      .getByRole("navigation", { name: "Điều hướng cổng thông tin" })
      .getByRole("link", { name: "Gửi phản ánh, kiến nghị" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Gửi phản ánh, kiến nghị" })).toBeVisible();
    await expect(page).toHaveURL(/\/cong-dan\/gui-phan-anh$/);
    expect(await seriousViolations(page)).toEqual([]);

    // The hidden field a robot would fill is out of sight and out of the tab order.
    const trap = page.locator('input[name="website"]');
    await expect(trap).toHaveAttribute("tabindex", "-1");
    const box = await trap.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);

    await fillPetition(page, { phone: randomPhone() });
    await page.getByLabel("Tệp đính kèm (không bắt buộc)").setInputFiles({
      name: "den-hong.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await expect(page.getByRole("button", { name: "Bỏ tệp den-hong.png" })).toBeVisible();
    // A file that is not one of the accepted kinds is refused, naming what it is.
    await page.getByLabel("Tệp đính kèm (không bắt buộc)").setInputFiles({
      name: "trang.html",
      mimeType: "text/html",
      buffer: Buffer.from("<!doctype html><html><body>x</body></html>"),
    });
    await expect(page.getByText(/trang\.html: Loại tệp không được chấp nhận/).first()).toBeVisible();
    await noSidewaysScroll(page);

    const sent = page.waitForRequest(
      (r) => r.url().endsWith("/api/public/petitions") && r.method() === "POST",
    );
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    const body = (await sent).postDataJSON();
    expect(body.attachments).toHaveLength(1);
    expect(body.communeId).toBeTruthy();
    expect((await sent).headers()["idempotency-key"]).toMatch(/^[A-Za-z0-9_.:-]{8,200}$/);

    await expect(page.getByRole("heading", { level: 1, name: "Đã gửi thành công" })).toBeVisible();
    const code = (await page.getByTestId("tracking-code").textContent())!.trim();
    expect(code).toMatch(/^PA-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    await page.getByRole("button", { name: "Sao chép mã" }).click();
    await expect(page.getByText("Đã sao chép mã hồ sơ.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Xem tình trạng hồ sơ" }).click();
    await expect(page.getByRole("heading", { level: 2, name: `${code}: Đã tiếp nhận` })).toBeVisible();
    await expect(page.getByText("Phường Rạch Giá")).toBeVisible();
    await expect(page.getByText("Chưa có trả lời.")).toBeVisible();
    await expect(page.locator("ol.timeline > li").first()).toContainText("Tiếp nhận");
    // No personal data on the public page.
    await expect(page.locator("main")).not.toContainText("Nguyễn Thị Cổng");
    await expect(page.locator("main")).not.toContainText(TEXT.slice(0, 30));
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);

    // Typed in lower case without dashes, the code still finds the petition.
    await page.getByLabel("Mã hồ sơ").fill(code.replace(/-/g, "").toLowerCase());
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect(page.getByRole("heading", { level: 2, name: `${code}: Đã tiếp nhận` })).toBeVisible();
  });

  test("says which field is wrong, and that a made-up code is not found", async ({ page }) => {
    await page.goto("/cong-dan/gui-phan-anh");
    await fillPetition(page, { commune: false, phone: randomPhone() });
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    const commune = page.getByRole("combobox", { name: /Xã, phường, đặc khu/ });
    await expect(commune).toHaveAttribute("aria-invalid", "true");
    await expect(
      page.getByText("Hãy chọn xã, phường, đặc khu nơi xảy ra sự việc (trường communeName).").first(),
    ).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Chưa gửi được");

    // A commune typed but not picked is still matched by the server; an unknown one is named.
    await commune.fill("Không Có Xã Này");
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(
      page.getByText(/Không tìm thấy xã, phường, đặc khu “Không Có Xã Này”/).first(),
    ).toBeVisible();

    // Too short a text and no way to answer: said before anything is sent.
    await page.getByRole("textbox", { name: /^Nội dung/ }).fill("ngắn quá");
    await page.getByLabel("Số điện thoại").fill("");
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByText("Nội dung cần ít nhất 20 ký tự.").first()).toBeVisible();
    await expect(
      page.getByText("Hãy cho biết số điện thoại hoặc email để cơ quan trả lời.").first(),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/cong-dan/tra-cuu");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect(page.getByText("Hãy nhập mã hồ sơ.")).toBeVisible();
    await page.getByLabel("Mã hồ sơ").fill("PA-23456-789AB");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect(page.getByRole("alert")).toContainText("Không tìm thấy hồ sơ có mã PA-23456-789AB");
  });

  test("shows the wait after too many submissions, and a retry after a lost answer sends once", async ({
    page,
  }) => {
    await page.goto("/cong-dan/gui-phan-anh");
    await fillPetition(page, { phone: randomPhone() });
    // The server's hourly limit, as it answers it: the page says how long to wait.
    await page.route("**/api/public/petitions", (route) =>
      route.fulfill({
        status: 429,
        headers: { "retry-after": "1800", "content-type": "application/json" },
        body: JSON.stringify({
          error: {
            code: "petition_rate_limited",
            message: "Đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau 30 phút.",
          },
        }),
      }),
    );
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("thử lại sau 30 phút");
    await page.unroute("**/api/public/petitions");

    // The petition reaches the server but its answer is lost on the way back.
    const keys: string[] = [];
    let lost = false;
    await page.route("**/api/public/petitions", async (route) => {
      keys.push(route.request().headers()["idempotency-key"]);
      const response = await route.fetch();
      if (!lost) {
        lost = true;
        await route.abort("connectionreset");
        return;
      }
      await route.fulfill({ response });
    });
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Không kết nối được máy chủ");
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Đã gửi thành công" })).toBeVisible();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  test("asks for the confirmation code where the province requires one", async ({ page }) => {
    // The demo has confirmation off; the server's side is tested in server/modules/petitions/otp.test.ts.
    // Here the page is given the answers a province with confirmation on would give.
    await page.route("**/api/public/contact-confirmation", (route) =>
      route.fulfill({ json: { required: true, minutes: 10 } }),
    );
    let asked: unknown = null;
    await page.route("**/api/public/contact-codes", (route) => {
      asked = route.request().postDataJSON();
      return route.fulfill({
        status: 201,
        json: { channel: "sms", sentTo: "+8491*****78", expiresInMinutes: 10 },
      });
    });
    let sent: { contactCode?: string } | null = null;
    await page.route("**/api/public/petitions", (route) => {
      sent = route.request().postDataJSON();
      return route.fulfill({
        status: 400,
        json: {
          error: {
            code: "contact_code_wrong",
            message: "Mã xác nhận không đúng (còn 2 lần thử).",
            field: "contactCode",
          },
        },
      });
    });
    const phone = randomPhone();
    await page.goto("/cong-dan/gui-phan-anh");
    await fillPetition(page, { phone });
    await page.getByRole("button", { name: "Gửi mã" }).click();
    await expect(page.getByText("Đã gửi mã đến +8491*****78; mã có hiệu lực 10 phút.")).toBeVisible();
    expect(asked).toEqual({ phone });
    const code = page.getByRole("textbox", { name: /^Mã xác nhận/ });
    await code.fill("123 456");
    await expect(code).toHaveValue("123456");
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Mã xác nhận không đúng (còn 2 lần thử).").first()).toBeVisible();
    expect(sent!.contactCode).toBe("123456");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("lists the published answers with personal data masked", async ({ page }) => {
    await page.goto("/cong-dan");
    await page
      .getByRole("link", { name: /Trả lời đã công bố/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Trả lời đã công bố" })).toBeVisible();
    const items = page.locator("ol.answers > li");
    await expect(items.first()).toBeVisible();
    expect(await items.count()).toBe(10);
    await expect(page.getByText(/^10 trên \d+ trả lời$/)).toBeVisible();
    await page.getByRole("button", { name: "Xem thêm" }).click();
    await expect(items).toHaveCount(20);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("[họ tên]");
    expect(text).not.toMatch(/\b0[35789]\d{8}\b|\+84\d{9}|@[a-z0-9-]+\.[a-z]/i);
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    // A tracking code is the citizen's key to the case: the public page shows none.
    expect(text).not.toMatch(/\bPA-[0-9A-Z]{5}-[0-9A-Z]{5}\b/);
  });

  test("switches to English and back, and keeps the choice", async ({ page }) => {
    await page.goto("/cong-dan");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(
      page.getByRole("heading", { level: 1, name: "The province's plan and its progress" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Track a petition" }).first().click();
    await page.getByLabel("Tracking code").fill("PA-23456-789AB");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect(page.getByRole("alert")).toContainText("No petition has the code PA-23456-789AB");
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Track a petition" })).toBeVisible();
    await page.goto("/cong-dan/gui-phan-anh");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByText("The text needs at least 20 characters.").first()).toBeVisible();
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1, name: "Gửi phản ánh, kiến nghị" })).toBeVisible();
  });

  test("an unknown portal address says so; e-mails' old links lead to the lookup", async ({ page }) => {
    await page.goto("/cong-dan/khong-co-trang-nay");
    await expect(page.getByRole("heading", { level: 1, name: "Không có trang này" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/phan-anh/tra-cuu/PA-23456-789AB");
    await expect(page).toHaveURL(/\/cong-dan\/tra-cuu\/PA-23456-789AB$/);
    await expect(page.getByRole("alert")).toContainText("Không tìm thấy hồ sơ");
  });

  test("the sign-in page leads citizens to the portal, and the portal back to it", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Cổng thông tin người dân" }).click();
    await expect(page).toHaveURL(/\/cong-dan$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Kế hoạch của tỉnh và tiến độ thực hiện" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Cán bộ đăng nhập" }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  test("the portal loads none of the staff app's heavy code", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await page.goto("/cong-dan");
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    expect(scripts.filter((s) => /antd|zod|echarts|tanstack|i18n-/.test(s))).toEqual([]);
  });
});

test.describe("the citizens' portal on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("every list page has no serious or critical axe violation", async ({ page }) => {
    for (const [path, heading] of [
      ["/cong-dan", "Kế hoạch của tỉnh và tiến độ thực hiện"],
      ["/cong-dan/gui-phan-anh", "Gửi phản ánh, kiến nghị"],
      ["/cong-dan/tra-cuu", "Tra cứu hồ sơ"],
      ["/cong-dan/tra-loi", "Trả lời đã công bố"],
      ["/cong-dan/doi-thoai", "Đối thoại sắp tới"],
      ["/cong-dan/gop-y", "Góp ý dự thảo"],
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  test("the keyboard reaches the skip link first and the commune list works with arrows", async ({
    page,
  }) => {
    await page.goto("/cong-dan/gui-phan-anh");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
    const commune = page.getByRole("combobox", { name: /Xã, phường, đặc khu/ });
    await commune.focus();
    await commune.pressSequentially("phu quoc");
    await expect(page.getByRole("listbox").getByRole("option").first()).toContainText("Phú Quốc");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect(commune).toHaveValue(/Phú Quốc/);
    await expect(page.getByRole("listbox")).toBeHidden();
  });
});

// ---- Dialogues and draft consultations ------------------------------------------------------

test.describe("dialogues and drafts on a phone", () => {
  test.use({ viewport: PHONE });

  test("sends a question before an upcoming dialogue", async ({ page }) => {
    await page.goto("/cong-dan");
    await page
      .getByRole("navigation", { name: "Điều hướng cổng thông tin" })
      .getByRole("link", { name: "Đối thoại" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Đối thoại sắp tới" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Hà Tiên – Kiên Lương/ })).toBeVisible();
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: /Xem chi tiết buổi đối thoại: .*Hà Tiên – Kiên Lương/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Hà Tiên – Kiên Lương/ })).toBeVisible();
    const form = page.getByRole("form", { name: "Gửi câu hỏi trước buổi đối thoại" });
    await form.getByRole("textbox", { name: /^Nội dung/ }).fill("Ngắn");
    await form.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(form.getByText("Nội dung cần ít nhất 10 ký tự.").first()).toBeVisible();
    await form
      .getByRole("textbox", { name: /^Nội dung/ })
      .fill("Bao giờ tuyến đường liên ấp ở xã Kiên Lương được nâng cấp và có đèn chiếu sáng?");
    await form.getByLabel("Họ và tên").fill("Trần Văn Hỏi");
    await form.getByLabel("Số điện thoại").fill("12345");
    await form.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(form.getByRole("alert")).toBeVisible();
    await form.getByLabel("Số điện thoại").fill(randomPhone());
    await form.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(form.getByRole("status")).toContainText(/Mã theo dõi: CH-/);
    const questionCode = /CH-[0-9A-Z-]+/.exec((await form.getByRole("status").textContent()) ?? "")![0];
    // Held for review: not shown among the published questions, nor the asker's name anywhere.
    await expect(page.locator("main")).not.toContainText("Trần Văn Hỏi");
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);

    // The code shows where the question stands.
    await page.goto("/cong-dan/tra-cuu");
    await page.getByLabel("Mã hồ sơ").fill(questionCode.toLowerCase());
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: `Câu hỏi đối thoại ${questionCode}: đang chờ xem xét` }),
    ).toBeVisible();
    await expect(page.getByText("Chưa có trả lời.")).toBeVisible();
    await page.getByLabel("Mã hồ sơ").fill("CH-23456-789AB");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await expect(page.getByRole("alert")).toContainText("Không tìm thấy hồ sơ có mã CH-23456-789AB");
  });

  test("asks a question's sender for the confirmation code too, where the province requires one", async ({
    page,
  }) => {
    // As for petitions above: the page is given the answers of a province with confirmation on.
    await page.route("**/api/public/contact-confirmation", (route) =>
      route.fulfill({ json: { required: true, minutes: 10 } }),
    );
    await page.route("**/api/public/contact-codes", (route) =>
      route.fulfill({ status: 201, json: { channel: "sms", sentTo: "+8491*****78", expiresInMinutes: 10 } }),
    );
    let sent: { contactCode?: string } | null = null;
    await page.route("**/api/public/dialogues/*/questions", (route) => {
      sent = route.request().postDataJSON();
      return route.fulfill({ status: 201, json: { trackingCode: "CH-23456-789AB", status: "pending" } });
    });
    await page.goto("/cong-dan/doi-thoai");
    await page.getByRole("link", { name: /Xem chi tiết buổi đối thoại: .*Hà Tiên – Kiên Lương/ }).click();
    const form = page.getByRole("form", { name: "Gửi câu hỏi trước buổi đối thoại" });
    await form
      .getByRole("textbox", { name: /^Nội dung/ })
      .fill("Bao giờ tuyến đường liên ấp ở xã Kiên Lương được nâng cấp và có đèn chiếu sáng?");
    await form.getByLabel("Họ và tên").fill("Trần Văn Hỏi");
    await form.getByLabel("Số điện thoại").fill(randomPhone());
    await form.getByRole("button", { name: "Gửi mã" }).click();
    await expect(form.getByText("Đã gửi mã đến +8491*****78; mã có hiệu lực 10 phút.")).toBeVisible();
    await form.getByRole("textbox", { name: /^Mã xác nhận/ }).fill("654321");
    await form.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(form.getByRole("status").last()).toContainText(/Mã theo dõi: CH-23456-789AB/);
    expect(sent!.contactCode).toBe("654321");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("reads an open draft section by section and comments on one", async ({ page }) => {
    await page.goto("/cong-dan");
    await page
      .getByRole("navigation", { name: "Điều hướng cổng thông tin" })
      .getByRole("link", { name: "Góp ý dự thảo" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Góp ý dự thảo" })).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: /Luật Thực hiện dân chủ ở cơ sở/ }),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: /Đọc dự thảo và góp ý: .*dân chủ ở cơ sở/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /dân chủ ở cơ sở/ })).toBeVisible();
    const sections = page.locator("main section.card");
    expect(await sections.count()).toBeGreaterThan(1);
    const first = sections.first();
    await first.locator("summary").click();
    const form = first.getByRole("form");
    await form
      .getByRole("textbox", { name: /^Nội dung/ })
      .fill("Đề nghị bổ sung việc công khai kết quả lấy ý kiến Nhân dân trên cổng thông tin của xã.");
    await form.getByLabel("Góp ý thay mặt tổ chức (không bắt buộc)").fill("Chi hội Nông dân ấp 3");
    await form.getByLabel("Họ và tên").fill("Lê Thị Góp Ý");
    await form.getByLabel("Email").fill(`gop.y.${Date.now()}@example.vn`);
    await form.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(form.getByRole("status")).toContainText(/Mã theo dõi: GY-/);
    await noSidewaysScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

// ---- The answer, then the citizen's rating --------------------------------------------------

async function staff(baseURL: string, username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "vi" } });
  const login = await api.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === "dt_csrf")?.value ?? "";
  return { api, csrf };
}

test.describe("rating the answer", () => {
  test.use({ viewport: PHONE });

  test("the citizen rates the published answer once, proving it with the phone given", async ({
    page,
    baseURL,
  }) => {
    const phone = randomPhone();
    await page.goto("/cong-dan/gui-phan-anh");
    await fillPetition(page, { phone });
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Đã gửi thành công" })).toBeVisible();
    const code = (await page.getByTestId("tracking-code").textContent())!.trim();

    // Staff route, answer and approve it (the staff app's own tests drive those screens).
    const coordinator = await staff(baseURL!, "dieuphoi");
    const officer = await staff(baseURL!, "canbo.so");
    const leader = await staff(baseURL!, "lanhdao.so");
    const found = await coordinator.api.get(`/api/petitions?q=${code}`);
    const id = (await found.json()).items[0].id as string;
    const unitId = (await (await officer.api.get("/api/me")).json()).roles[0].unitId as string;
    const post = (who: typeof officer, url: string, data: unknown, method: "post" | "put" = "post") =>
      who.api[method](url, { data, headers: { "x-csrf-token": who.csrf } });
    expect((await post(coordinator, `/api/petitions/${id}/assign`, { unitId })).status()).toBeLessThan(300);
    const answer =
      "Đơn vị đã phối hợp với điện lực thay bóng đèn trên tuyến đường ven kênh; đèn đã sáng lại từ tối qua.";
    expect(
      (await post(officer, `/api/petitions/${id}/answer`, { text: answer }, "put")).status(),
    ).toBeLessThan(300);
    expect((await post(leader, `/api/petitions/${id}/answer/approve`, {})).status()).toBeLessThan(300);
    for (const who of [coordinator, officer, leader]) await who.api.dispose();

    await page.getByRole("link", { name: "Xem tình trạng hồ sơ" }).click();
    await expect(page.getByRole("heading", { level: 2, name: `${code}: Đã trả lời` })).toBeVisible();
    await expect(page.getByText(answer)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const rating = page.getByRole("form", { name: "Đánh giá trả lời" });
    // Each refusal is announced, tied to what it is about, and takes the focus there.
    const proofField = rating.getByLabel("Số điện thoại hoặc email đã ghi khi gửi");
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    const refusal = rating.getByRole("alert");
    await expect(refusal).toContainText("Hãy chọn mức hài lòng.");
    const refusalId = await refusal.getAttribute("id");
    expect(refusalId).toBeTruthy();
    await expect(rating.getByRole("group", { name: "Mức hài lòng" })).toHaveAttribute(
      "aria-describedby",
      refusalId!,
    );
    await expect(rating.getByRole("radio").first()).toBeFocused();
    await rating.getByLabel("4 — Hài lòng").check();
    await proofField.fill("0912 000 001");
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect(refusal).toContainText("không khớp");
    await expect(proofField).toHaveAttribute("aria-invalid", "true");
    expect((await proofField.getAttribute("aria-describedby"))?.split(" ")).toContain(refusalId);
    await expect(proofField).toBeFocused();
    await rating.getByLabel("Số điện thoại hoặc email đã ghi khi gửi").fill(`+84 ${phone.slice(1)}`);
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect(page.getByText("Đã đánh giá: 4/5")).toBeVisible();
    await expect(page.getByText("Cảm ơn ông/bà đã đánh giá.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Đánh giá trả lời" })).toHaveCount(0);

    // Once closed, the page asks whether the matter was actually resolved — once.
    const closer = await staff(baseURL!, "lanhdao.so");
    const closed = await closer.api.post(`/api/petitions/${id}/close`, {
      data: { resolved: true },
      headers: { "x-csrf-token": closer.csrf },
    });
    expect(closed.status(), await closed.text()).toBeLessThan(300);
    await closer.api.dispose();
    await page.reload();
    await expect(
      page.getByRole("heading", { level: 2, name: `${code}: Đã đóng — đã giải quyết` }),
    ).toBeVisible();
    const followUp = page.getByRole("form", { name: "Vấn đề đã được giải quyết chưa?" });
    await followUp.getByLabel("Chưa được giải quyết").check();
    await followUp.getByLabel("Ý kiến thêm (không bắt buộc)").fill("Đèn sáng được hai hôm rồi lại tắt.");
    await followUp.getByLabel("Số điện thoại hoặc email đã ghi khi gửi").fill(phone);
    expect(await seriousViolations(page)).toEqual([]);
    await followUp.getByRole("button", { name: "Gửi ý kiến" }).click();
    await expect(page.getByText("Ông/bà đã trả lời: Chưa được giải quyết.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Vấn đề đã được giải quyết chưa?" })).toHaveCount(0);
  });
});
