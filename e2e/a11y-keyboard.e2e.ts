import { expect, test } from "./helpers.ts";
import { focusProblem, newPage, STAFF_HEADER, signInByKeyboard, tabTo } from "./keyboard-helpers.ts";

// Core journeys with the keyboard alone: Tab, Shift+Tab, arrows, typing, Enter and Space, never a
// click. At every stop the focused element must be on screen: inside the viewport and not under
// the sticky header (WCAG 2.4.11, focus not obscured), and it must show a focus ring.
// The staff's reporting journeys with the keyboard alone are in a11y-keyboard-reports.e2e.ts.

test("a citizen sends a petition on the portal with the keyboard alone", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/cong-dan");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tabTo(page, (f) => f.name === "Gửi phản ánh, kiến nghị" && f.role === "a", { header: null });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Gửi phản ánh, kiến nghị" })).toBeVisible();

  await tabTo(page, (f) => f.label === "Lĩnh vực", { header: null });
  await page.keyboard.press("ArrowDown");
  expect(await page.getByLabel("Lĩnh vực").inputValue()).not.toBe("");
  await tabTo(page, (f) => /Xã, phường, đặc khu/.test(f.label), { header: null });
  await page.keyboard.type("rach gia");
  await expect(page.getByRole("option", { name: "Phường Rạch Giá" })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: /Xã, phường, đặc khu/ })).toHaveValue("Phường Rạch Giá");
  await tabTo(page, (f) => /^Nội dung/.test(f.label), { header: null });
  await page.keyboard.type(
    "Cống thoát nước đầu hẻm bị nghẹt từ tuần trước, mỗi lần mưa nước tràn vào nhà dân và đường đi.",
  );

  // Sending without a name: the error is announced and tied to the field, focus goes to it.
  await tabTo(page, (f) => f.role === "button" && f.name === "Gửi", { header: null });
  await page.keyboard.press("Enter");
  const name = page.getByLabel("Họ và tên");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  const describedBy = await name.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy?.split(" ")[0]}"]`)).toHaveText(/.+/);

  // Focus went to the summary of errors above the form; the fields follow it.
  await tabTo(page, (f) => f.label.startsWith("Họ và tên"), { header: null });
  await page.keyboard.type("Trần Văn Phím");
  await tabTo(page, (f) => f.label.startsWith("Số điện thoại"), { header: null });
  await page.keyboard.type(`09${String(Math.floor(Math.random() * 100_000_000)).padStart(8, "0")}`);
  await tabTo(page, (f) => f.role === "button" && f.name === "Gửi", { header: null });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Đã gửi thành công" })).toBeVisible();
  await page.context().close();
});
test("after the skip link on the petitions inbox, focus never hides under the header", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signInByKeyboard(page, "dieuphoi");
  await page.goto("/petitions");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Scrolled down first: the skip link then leads back to the top of the content.
  await page.mouse.wheel(0, 600);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await focusProblem(page, STAFF_HEADER)).toBeNull();
  }
  // One stop for the language switch, none for the navigation list itself.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const stops: string[] = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return `${el.tagName}.${el.className}:${el.getAttribute("name") ?? ""}`;
      }),
    );
  }
  expect(stops.filter((s) => s.includes("ui-language"))).toHaveLength(1);
  expect(stops.filter((s) => /^UL/.test(s))).toEqual([]);
  await page.context().close();
});
