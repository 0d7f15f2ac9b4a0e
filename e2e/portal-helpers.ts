import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { DEMO_PASSWORD, expect } from "./helpers.ts";

// What the citizens' portal's browser tests share (portal*.e2e.ts): a phone's viewport, a real
// attachment, a petition's text and how to fill the form, and the page checks made on every page.

export const PHONE = { width: 375, height: 740 };
// A real 1×1 PNG: the server recognises files by their bytes.
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
export const TEXT =
  "Đèn chiếu sáng trên tuyến đường ven kênh trước chợ đã hỏng hơn một tháng, buổi tối rất tối và nguy hiểm cho người đi đường.";

export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** A random phone number of the mobile plan, so that runs do not share the per-contact limit. */
export function randomPhone(): string {
  return `09${String(Math.floor(Math.random() * 100_000_000)).padStart(8, "0")}`;
}

export async function fillPetition(page: Page, options: { commune?: boolean; phone: string }) {
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

/** A member of staff signed in through the API, for the steps the staff app's own tests drive. */
export async function staff(
  baseURL: string,
  username: string,
): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "vi" } });
  const login = await api.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === "dt_csrf")?.value ?? "";
  return { api, csrf };
}
