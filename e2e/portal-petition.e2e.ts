import { expect, test } from "./helpers.ts";
import {
  fillPetition,
  noSidewaysScroll,
  PHONE,
  PNG,
  randomPhone,
  seriousViolations,
  TEXT,
} from "./portal-helpers.ts";

// A citizen on a phone sends a petition on the portal (/cong-dan/gui-phan-anh): with an attachment,
// with the fields it gets wrong, through the server's limits and a lost answer, and with the
// confirmation code a province may require.

test.describe("the citizens' portal on a phone", () => {
  test.use({ viewport: PHONE });

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
});
