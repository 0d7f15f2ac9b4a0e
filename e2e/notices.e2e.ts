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

test("a report returned by the coordinator shows in the officer's bell with the comment and opens the report", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all(
    ["canbo.so", "lanhdao.so", "dieuphoi"].map(async (username) => {
      const context = await playwright.request.newContext({ baseURL });
      return { context, ...(await signedInApi(context, username)) };
    }),
  );
  const [officer, leader, coordinator] = contexts;
  const units = await (
    await officer.context.get("/api/units?q=Văn hóa, Thể thao và Du lịch&limit=20")
  ).json();
  const culture = units.items.find(
    (u: { name: string; validTo: string | null }) =>
      /^Sở Văn hóa, Thể thao và Du lịch/.test(u.name) && !u.validTo,
  );
  const plans = await (await officer.context.get("/api/plans?status=published")).json();
  // Other browser tests publish plans of their own: report on the demo's seed plan.
  const seed = plans.items.find((plan: { title: string }) =>
    /Chương trình hành động số 51-CTr\/TU/.test(plan.title),
  );
  const periods = (await (await officer.context.get(`/api/reporting/plans/${seed.id}/periods`)).json())
    .items as {
    id: string;
    locked: boolean;
    deadline: string;
  }[];
  const open = periods.filter((p) => !p.locked).sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
  expect(open, "the demo plan has a period still open").toBeTruthy();

  // The unit's report of the period (another test may have opened it), taken to Sở Nội vụ.
  const opened = await officer.context.post(`/api/reporting/periods/${open.id}/units/${culture.id}/report`, {
    headers: officer.headers,
  });
  expect(opened.status(), await opened.text()).toBeLessThan(300);
  let report = (await opened.json()) as { id: string; status: string; version: number };
  const step = async (who: typeof officer, action: string, data: object = {}) => {
    const answer = await who.context.post(`/api/reports/${report.id}/${action}`, {
      headers: who.headers,
      data: { version: report.version, ...data },
    });
    expect(answer.status(), await answer.text()).toBe(200);
    report = await answer.json();
  };
  if (report.status === "draft" || report.status === "returned") await step(officer, "submit");
  if (report.status === "pending_approval") await step(leader, "send");
  expect(["sent", "received"]).toContain(report.status);
  const comment = `Bổ sung kết quả tổ chức Ngày hội đại đoàn kết ${Date.now() % 100000}`;
  await step(coordinator, "return", { comment });
  for (const { context } of contexts) await context.dispose();

  await signIn(page, "canbo.so");
  const button = await bell(page);
  await expect(button).toHaveAccessibleName(/chưa đọc/);
  await button.click();
  const notice = page.getByRole("button", { name: new RegExp(`bị trả lại để bổ sung: ${comment}`) });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(page).toHaveURL(new RegExp(`/reports/${report.id}$`));
  await expect(page.getByText(comment).first()).toBeVisible();
});
