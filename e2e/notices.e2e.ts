// The bell in the header: a petition sent to a unit reaches its officer as an unread notice,
// which opens the case and is then read.
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, test } from "./helpers.ts";

async function signedInApi(request: APIRequestContext, username: string) {
  const login = await request.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const cookies = (await request.storageState()).cookies;
  const csrf = cookies.find((c) => c.name === "dt_csrf")?.value ?? "";
  return { headers: { "x-csrf-token": csrf } };
}

async function bell(page: Page) {
  return page.getByRole("banner").getByRole("button", { name: /^Thông báo/ });
}

test("a petition sent to a unit shows in its officer's bell and opens the case", async ({
  page,
  playwright,
  baseURL,
}) => {
  // The coordinator receives a letter and sends it to the culture department, through the API.
  const coordinator = await playwright.request.newContext({ baseURL });
  const { headers } = await signedInApi(coordinator, "dieuphoi");
  const units = await (await coordinator.get("/api/units?q=Văn hóa, Thể thao và Du lịch&limit=20")).json();
  const culture = units.items.find(
    (u: { name: string; validTo: string | null }) =>
      /^Sở Văn hóa, Thể thao và Du lịch/.test(u.name) && !u.validTo,
  );
  expect(culture, JSON.stringify(units.items.map((u: { name: string }) => u.name))).toBeTruthy();
  const created = await coordinator.post("/api/petitions", {
    headers,
    data: {
      kind: "kien-nghi",
      channel: "letter",
      text: "Đề nghị bố trí thêm giờ mở cửa thư viện tỉnh vào buổi tối để học sinh, sinh viên đến đọc sách.",
      communeName: "phuong rach gia",
      contact: { name: "Người Gửi Thư", phone: "0912 000 111" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, trackingCode } = await created.json();
  const assigned = await coordinator.post(`/api/petitions/${id}/assign`, {
    headers,
    data: { unitId: culture.id },
  });
  expect(assigned.status(), await assigned.text()).toBe(200);
  await coordinator.dispose();

  await signIn(page, "canbo.so");
  const button = await bell(page);
  await expect(button).toHaveAccessibleName(/chưa đọc/);
  await button.click();
  const notice = page.getByRole("button", {
    name: new RegExp(`Phản ánh ${trackingCode} được chuyển đến đơn vị bạn`),
  });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(page).toHaveURL(new RegExp(`/petitions/${id}$`));
  await expect(page.getByText(trackingCode).first()).toBeVisible();

  // Read now: it stays in the list, no longer bold, and the count went down.
  await (await bell(page)).click();
  await expect(page.locator(".notice", { hasText: trackingCode })).not.toHaveClass(/notice-unread/);
});
