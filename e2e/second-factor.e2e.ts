import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { generateSync } from "otplib";
import { DEMO_PASSWORD, expect, test } from "./helpers.ts";
import { ROOT } from "./routes.ts";

// A second factor required of administrators and coordinators, as a production server requires it
// (SECOND_FACTOR_ROLES). The suite's shared server runs without the requirement, as the demo does,
// and every role has a demo account that other tests sign in with; so this file starts a server of
// its own, on a demo database of its own, and leaves every other test as it was.

let server: ChildProcess | null = null;
let base = "";
let dataDir = "";
let output = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), "dongthuan-e2e-2fa-"));
  const { DATABASE_URL: _embedded, ...env } = process.env;
  server = spawn(process.execPath, ["bin/dongthuan.mjs", "serve"], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      SECOND_FACTOR_ROLES: "admin,coordinator",
      LOGIN_RATE_LIMIT: "1000",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output = `${output}${chunk}`.slice(-4000);
  });
  base = `http://localhost:${port}`;
  // Real elapsed time, not the domain's clock: how long a second server may take to start.
  const deadline = Date.now() + 140_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the second server stopped: ${output}`);
    const ready = await fetch(`${base}/api/health/ready`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the second server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await stopped;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signInThere(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    baseURL: base,
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  return page;
}

test("a coordinator without a second factor is sent straight to set one up, and may do nothing else first", async ({
  browser,
}) => {
  const page = await signInThere(browser, "dieuphoi");
  await expect(page).toHaveURL(/\/second-factor$/);
  await expect(
    page.getByText(/Vai trò của bạn \(Cơ quan đầu mối · .*\) bắt buộc xác thực hai bước/),
  ).toBeVisible();
  // No way elsewhere: no navigation, and another page leads back here.
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/second-factor$/);
  const refused = await page.request.get("/api/home");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("second_factor_required");

  // The set-up is there at once: the QR code, the secret, the code field with the focus.
  await expect(
    page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" }),
  ).toBeVisible();
  const code = page.getByLabel("Mã 6 chữ số từ ứng dụng");
  await expect(code).toBeFocused();
  const secret =
    (
      await page
        .locator("code")
        .filter({ hasText: /^[A-Z2-7]{16,}$/ })
        .textContent()
    )?.trim() ?? "";
  expect(secret).not.toBe("");
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .options({ resultTypes: ["violations"] })
    .analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
  ).toEqual([]);

  await code.fill(generateSync({ secret }) === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
  await expect(page.getByRole("alert")).toContainText("Mã xác thực không đúng");
  await expect(page).toHaveURL(/\/second-factor$/);
  await code.fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();

  // The same session goes on, with the whole app.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await nav.getByRole("link", { name: "Tài khoản" }).click();
  await expect(page.getByText("Vai trò của bạn bắt buộc xác thực hai bước nên không thể tắt")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tắt xác thực hai bước" })).toHaveCount(0);
  await page.context().close();
});

test("the enrolment screen speaks English too, and signing out leaves it", async ({ browser }) => {
  const page = await signInThere(browser, "admin");
  await expect(page).toHaveURL(/\/second-factor$/);
  await page.getByText("EN", { exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByText(/Your role \(Administrator · .*\) requires two-step verification/),
  ).toBeVisible();
  await expect(page.getByLabel("6-digit code from the app")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await page.context().close();
});
