import type { Browser, Page } from "@playwright/test";
import { apiHeaders, DEMO_PASSWORD, expect, signIn, test } from "./helpers.ts";

// What a new user meets: irreversible steps ask first (cancelled, nothing happens; finalising
// the consolidated report is checked in documents.e2e.ts, which owns the demo's 2024 report), the
// consolidation picks a period from a list, the report list keeps its filters across a reload,
// an officer's period page shows the unit's own report, and accounts on closed units.

async function as(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  await signIn(page, username, password);
  return page;
}

type PeriodRow = { id: string; key: string; label: { vi: string }; deadline: string };

async function seedPeriods(page: Page): Promise<{ planId: string; items: PeriodRow[] }> {
  const plans = (await (await page.request.get("/api/plans?status=published")).json()) as {
    items: { id: string; title: string }[];
  };
  const seed = plans.items.find((plan) => /Chương trình hành động số 51-CTr\/TU/.test(plan.title));
  expect(seed).toBeTruthy();
  const answer = await page.request.get(`/api/reporting/plans/${seed!.id}/periods`);
  return { planId: seed!.id, items: ((await answer.json()) as { items: PeriodRow[] }).items };
}

test.describe.configure({ mode: "serial" });

test("a unit officer's period page shows the unit's own report and deadline, not a province count", async ({
  browser,
}) => {
  const officer = await as(browser, "canbo.so");
  const year2024 = (await seedPeriods(officer)).items.find((p) => p.key === "2024")!;
  await officer.goto(`/reporting/periods/${year2024.id}`);
  await expect(officer.getByRole("heading", { level: 2, name: "Báo cáo của đơn vị" })).toBeVisible();
  await expect(officer.getByRole("heading", { name: "Toàn tỉnh" })).toHaveCount(0);
  const own = officer.locator(".period-own-units");
  await expect(own).toContainText("Sở Văn hóa");
  await expect(own).toContainText("10/12/2024");
  await officer.context().close();
});

test("the coordinator's report list filters by period, status and unit type, and a reload keeps them", async ({
  browser,
}) => {
  const coordinator = await as(browser, "dieuphoi");
  const { planId, items } = await seedPeriods(coordinator);
  const year2024 = items.find((p) => p.key === "2024")!;
  await coordinator.goto(`/reports?planId=${planId}&periodId=${year2024.id}`);
  await coordinator.getByLabel("Trạng thái", { exact: true }).click();
  await coordinator.locator(".ant-select-item-option", { hasText: "Đã chấp nhận" }).click();
  await expect(coordinator).toHaveURL(/status=accepted/);
  await coordinator.reload();
  await expect(coordinator).toHaveURL(/status=accepted/);
  await expect(coordinator).toHaveURL(new RegExp(`periodId=${year2024.id}`));
  await expect(coordinator.locator("tbody tr.ant-table-row").first()).toContainText("Đã chấp nhận");
  const statuses = await coordinator
    .locator(".ant-card", { has: coordinator.getByRole("heading", { name: /Báo cáo/ }) })
    .first()
    .locator("tbody tr.ant-table-row td:nth-child(3)")
    .allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  for (const status of statuses) expect(status).toContain("Đã chấp nhận");
  // A tampered address shows the list without the bad filter rather than failing.
  await coordinator.goto("/reports?status=xyz&unitType=huyen");
  await expect(coordinator.getByRole("heading", { level: 1 })).toBeVisible();
  await coordinator.context().close();
});

test("merging a duplicate petition asks first: cancelled both stay open, confirmed it is merged", async ({
  browser,
}) => {
  const coordinator = await as(browser, "dieuphoi");
  const headers = await apiHeaders(coordinator);
  const text = `Cống thoát nước trước chợ ấp Tân Lộc bị nghẹt, nước tràn lên mặt đường mỗi khi mưa lớn (${Date.now()}).`;
  const enter = async (body: string) => {
    const response = await coordinator.request.post("/api/petitions", {
      headers,
      data: {
        channel: "letter",
        kind: "phan-anh",
        text: body,
        communeName: "phuong rach gia",
        contact: { name: "Trần Thị Lụa", phone: `09${String(Date.now()).slice(-8)}` },
      },
    });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as { id: string; trackingCode: string };
  };
  const first = await enter(text);
  const repeat = await enter(`Tôi gửi lại lần hai: ${text}`);
  await coordinator.goto(`/petitions/${repeat.id}`);
  const merge = coordinator.getByRole("button", { name: `Gộp hồ sơ này vào ${first.trackingCode}` });
  await merge.click();
  const dialog = coordinator.getByRole("dialog");
  await expect(dialog).toContainText("không mở lại được");
  await dialog.getByRole("button", { name: "Hủy", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  const open = (await (await coordinator.request.get(`/api/petitions/${repeat.id}`)).json()) as {
    status: string;
  };
  expect(open.status).not.toBe("merged");
  await merge.click();
  await coordinator.getByRole("dialog").getByRole("button", { name: "Gộp hồ sơ", exact: true }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(first.trackingCode);
  const merged = (await (await coordinator.request.get(`/api/petitions/${repeat.id}`)).json()) as {
    status: string;
  };
  expect(merged.status).toBe("merged");
  await coordinator.context().close();
});

test("an account on a closed unit: its home page says so, and the admin moves it to a successor", async ({
  browser,
}) => {
  const admin = await as(browser, "admin");
  const headers = await apiHeaders(admin);
  const onClosed = (await (await admin.request.get("/api/users?closed=true")).json()) as {
    items: {
      username: string;
      closedUnits: { unitId: string; unitName: string; successors: { name: string }[] }[];
    }[];
  };
  const district = onClosed.items.find((u) => u.username === "canbo.huyen")!.closedUnits[0];
  const username = `canbo.cu.${Date.now().toString(36)}`;
  const password = "Mat-khau-rieng-2026!";
  const created = await admin.request.post("/api/users", {
    headers,
    data: {
      username,
      displayName: "Phạm Văn Cũ",
      password,
      grants: [{ role: "unit_officer", unitId: district.unitId }],
    },
  });
  expect(created.ok(), await created.text()).toBe(true);

  const officer = await as(browser, username, password);
  const section = officer.locator("section[aria-labelledby='home-section-closed-unit']");
  await expect(officer.getByRole("heading", { name: "Đơn vị của bạn đã chấm dứt hoạt động" })).toBeVisible();
  await expect(section).toContainText(`${district.unitName} đã chấm dứt hoạt động từ`);
  await expect(section).toContainText("quản trị hệ thống");
  await expect(section).toContainText(district.successors[0].name);

  await admin.goto("/users");
  await admin.getByText("Chỉ tài khoản ở đơn vị đã chấm dứt hoạt động").click();
  const row = admin.locator("tbody tr.ant-table-row").filter({ hasText: username });
  await expect(row).toContainText("Đơn vị đã chấm dứt hoạt động");
  await row.getByRole("button", { name: `Chuyển tài khoản ${username} sang đơn vị kế thừa` }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toContainText(district.unitName);
  // Cancelled: nothing moves.
  await dialog.getByRole("button", { name: "Hủy", exact: true }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Chuyển tài khoản ${username} sang đơn vị kế thừa` }).click();
  const again = admin.getByRole("dialog");
  if (district.successors.length > 1) {
    await again.getByLabel("Đơn vị kế thừa").click();
    await admin.locator(".ant-select-item-option", { hasText: district.successors[0].name }).first().click();
  }
  await expect(again).toContainText(`sang ${district.successors[0].name}`);
  await again.getByRole("button", { name: "Chuyển tài khoản" }).click();
  await expect(
    admin.getByText(`Đã chuyển tài khoản ${username} sang ${district.successors[0].name}.`),
  ).toBeVisible();
  await expect(admin.locator("tbody tr.ant-table-row").filter({ hasText: username })).toHaveCount(0);

  await officer.reload();
  await expect(officer.getByRole("heading", { name: "Đơn vị của bạn đã chấm dứt hoạt động" })).toHaveCount(0);
  for (const page of [admin, officer]) await page.context().close();
});
