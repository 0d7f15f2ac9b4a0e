import { expect, type Page } from "@playwright/test";

/** The demo directory is Kiên Giang as of 2024; it was merged into An Giang on 1 July 2025. */
export const KIEN_GIANG_DATE = "01/06/2024";

/** Opens the directory from the signed-in layout (desktop width) and picks the date. */
export async function openDirectory(page: Page, date = KIEN_GIANG_DATE): Promise<void> {
  // Through the menu, as a user would: a client-side navigation loads no page anew.
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Danh bạ đơn vị" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Danh bạ đơn vị" })).toBeVisible();
  const asOf = page.getByLabel("Hiệu lực tại ngày");
  await asOf.click();
  await asOf.fill(date);
  await asOf.press("Enter");
  await expect(asOf).toHaveValue(date);
  await expect(page.getByRole("tree")).toBeVisible();
}

export async function searchUnit(page: Page, text: string): Promise<void> {
  const box = page
    .getByRole("searchbox", { name: "Tìm đơn vị" })
    .or(page.getByLabel("Tìm đơn vị", { exact: true }));
  await box.first().fill(text);
  await box.first().press("Enter");
}

/** Picks a unit from the search results, which opens its details. */
export async function pickUnit(page: Page, text: string, name: string | RegExp): Promise<void> {
  await searchUnit(page, text);
  await page.getByRole("list", { name: "Kết quả tìm kiếm" }).getByRole("button", { name }).first().click();
  await expect(page.locator("#unit-detail-heading")).toHaveText(name);
}
