import type { FileChooser } from "@playwright/test";
import { callApi, DEMO_PASSWORD, expect, test } from "./helpers.ts";
import { newPage, STAFF_HEADER, signInByKeyboard, tabTo } from "./keyboard-helpers.ts";

// A unit's reporting with the keyboard alone (see keyboard-helpers.ts for what every stop must
// show): the officer files progress and submits the report, then the leader approves and sends
// it. The two run in this order, in one file.

// Before the leader's journey: the report it submits is the one the leader approves, so the two
// journeys use one reporting period of the unit and leave the others to other tests.
test("a unit officer files progress and submits the unit's report with the keyboard alone", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const page = await newPage(browser);
  // File choosers are caught from the start: a listener added just before the key that opens one
  // races the browser's switch to intercepting them, and the chooser then opens unseen.
  const choosers: FileChooser[] = [];
  page.on("filechooser", (chooser) => choosers.push(chooser));
  await signInByKeyboard(page, "canbo.so");

  // What to act on, read through the API with the page's session so that the test does not depend
  // on what other tests did: an assignment the unit can still report on (one not started yet, to
  // move it on, when there is one), and the first open period whose report is still with the unit.
  type Row = { id: string; itemCode: string; status: string; permissions: { update: boolean } };
  const rows = (await callApi(page, "GET", "/api/assignments?mine=true&limit=50")).json.items as Row[];
  const open = rows.filter((a) => a.permissions.update);
  const assignment = open.find((a) => a.status === "not_started") ?? open[0];
  if (!assignment) throw new Error("the unit has no assignment it can report on");
  const unitId = (await callApi(page, "GET", "/api/me")).json.roles[0].unitId as string;
  const plans = (await callApi(page, "GET", "/api/plans?status=published")).json.items as {
    id: string;
    title: string;
  }[];
  const seed = plans.find((p) => /Chương trình hành động số 51-CTr\/TU/.test(p.title));
  expect(seed, "the demo plan is published").toBeTruthy();
  const periods = (
    (await callApi(page, "GET", `/api/reporting/plans/${seed?.id}/periods`)).json.items as {
      id: string;
      locked: boolean;
      deadline: string;
      label: { vi: string };
    }[]
  )
    .filter((p) => !p.locked)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  let period: (typeof periods)[number] | undefined;
  for (const candidate of periods) {
    const standing = (await callApi(page, "GET", `/api/reporting/periods/${candidate.id}`)).json.units as {
      unitId: string;
      status: string;
    }[];
    const own = standing.find((u) => u.unitId === unitId);
    if (own && (own.status === "none" || own.status === "draft")) {
      period = candidate;
      break;
    }
  }
  if (!period) throw new Error("no open period has a report the unit can still submit");

  // From the home page, back from its content to the navigation before it, to the unit's assignments.
  await tabTo(page, (f) => f.name === "Việc của đơn vị" && f.role === "a", {
    header: STAFF_HEADER,
    back: true,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Việc của đơn vị" })).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();
  await expect(page.locator(`a[href="/assignments/${assignment.id}"]`)).toBeVisible();
  await tabTo(page, (f) => f.role === "a" && f.href === `/assignments/${assignment.id}`, {
    header: STAFF_HEADER,
    limit: 300,
  });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/assignments/${assignment.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(assignment.itemCode) })).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();

  // The progress form: what was done, the percentage, a file of evidence, the status.
  const text = `Đã tổ chức ${Math.floor(Math.random() * 90) + 10} buổi tuyên truyền tại các xã, phường.`;
  await tabTo(page, (f) => f.label.startsWith("Nội dung đã thực hiện"), { header: STAFF_HEADER, limit: 80 });
  await page.keyboard.type(text);
  await tabTo(page, (f) => f.label === "Tiến độ (%)", { header: STAFF_HEADER });
  await page.keyboard.type("40");
  await tabTo(page, (f) => /Chọn tệp/.test(f.name), { header: STAFF_HEADER });
  await page.keyboard.press("Enter");
  await expect.poll(() => choosers.length, { message: "Enter opens the file chooser" }).toBe(1);
  await choosers[0].setFiles({
    name: "bien-ban-tuyen-truyen.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  });
  await expect(page.getByText("bien-ban-tuyen-truyen.pdf")).toBeVisible();
  if (assignment.status === "not_started") {
    await tabTo(page, (f) => f.label === "Đồng thời chuyển trạng thái", { header: STAFF_HEADER });
    // The arrows open the list and move through it; the combobox names the option they are on.
    const select = page.getByRole("combobox", { name: "Đồng thời chuyển trạng thái" });
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("ArrowDown");
      const active = await select.getAttribute("aria-activedescendant");
      const on = active ? await page.locator(`[id="${active}"]`).getAttribute("aria-label") : null;
      if (on === "Đang thực hiện") break;
    }
    await page.keyboard.press("Enter");
    await expect(
      page.locator(".ant-form-item").filter({ hasText: "Đồng thời chuyển trạng thái" }),
    ).toContainText("Đang thực hiện");
  }
  await tabTo(page, (f) => f.role === "button" && f.name === "Gửi báo cáo", { header: STAFF_HEADER });
  await page.keyboard.press("Enter");
  await expect(page.getByText("Đã gửi báo cáo tiến độ.")).toBeVisible();
  const detail = (await callApi(page, "GET", `/api/assignments/${assignment.id}`)).json as {
    status: string;
    updates: {
      text: string | null;
      percent: number | null;
      statusTo: string | null;
      files: { filename: string }[];
    }[];
  };
  expect(detail.updates[0]).toMatchObject({ text, percent: 40 });
  expect(detail.updates[0].files.map((f) => f.filename)).toEqual(["bien-ban-tuyen-truyen.pdf"]);
  if (assignment.status === "not_started") expect(detail.status).toBe("in_progress");

  // Then the unit's report for the open period: the reports page, the period, the report.
  await tabTo(page, (f) => f.name === "Báo cáo" && f.role === "a", {
    header: STAFF_HEADER,
    back: true,
    limit: 120,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Báo cáo của đơn vị" })).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();
  await expect(page.locator(`a[href="/reporting/periods/${period.id}"]`)).toBeVisible();
  await tabTo(page, (f) => f.role === "a" && f.href === `/reporting/periods/${period.id}`, {
    header: STAFF_HEADER,
    limit: 120,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Kỳ báo cáo ${period.label.vi}` })).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();
  await expect(page.getByRole("heading", { level: 2, name: "Báo cáo của đơn vị" })).toBeVisible();
  // A report not yet created is opened with a button; one already drafted with a link.
  await tabTo(page, (f) => (f.role === "button" && f.name === "Lập báo cáo") || f.name === "Mở báo cáo", {
    header: STAFF_HEADER,
  });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]+$/);
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(`Báo cáo ${period.label.vi}`) }),
  ).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();
  const reportId = new URL(page.url()).pathname.split("/").at(-1);
  await tabTo(page, (f) => f.role === "button" && f.name === "Trình lãnh đạo duyệt", {
    header: STAFF_HEADER,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByText("Đã trình lãnh đạo duyệt.")).toBeVisible();
  const report = (await callApi(page, "GET", `/api/reports/${reportId}`)).json as {
    status: string;
    periodId: string;
    unit: { id: string };
  };
  expect(report).toMatchObject({ status: "pending_approval", periodId: period.id, unit: { id: unitId } });
  await page.context().close();
});

test("a unit leader approves and sends a report with the keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  // The officer's part, through the API: open the unit's report of the first open period and
  // submit it to the leader.
  const officer = await newPage(browser);
  const login = await officer.request.post("/api/auth/login", {
    data: { username: "canbo.so", password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const csrf = (await officer.context().cookies()).find((c) => c.name === "dt_csrf")?.value ?? "";
  const headers = { "x-csrf-token": csrf, "accept-language": "vi" };
  const me = (await (await officer.request.get("/api/me")).json()) as { roles: { unitId: string }[] };
  const plans = (await (await officer.request.get("/api/plans?status=published")).json()) as {
    items: { id: string; title: string }[];
  };
  const seed = plans.items.find((p) => /Chương trình hành động số 51-CTr\/TU/.test(p.title));
  expect(seed).toBeTruthy();
  const periods = (
    (await (await officer.request.get(`/api/reporting/plans/${seed?.id}/periods`)).json()) as {
      items: { id: string; locked: boolean; deadline: string }[];
    }
  ).items
    .filter((p) => !p.locked)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  expect(periods.length).toBeGreaterThan(0);
  // The first open period whose report is still with the unit (another test may have sent one).
  let report: { id: string; status: string } | undefined;
  for (const period of periods) {
    const opened = await officer.request.post(
      `/api/reporting/periods/${period.id}/units/${me.roles[0].unitId}/report`,
      { headers },
    );
    if (!opened.ok()) continue;
    const candidate = (await opened.json()) as { id: string; status: string };
    if (candidate.status === "draft") {
      const submitted = await officer.request.post(`/api/reports/${candidate.id}/submit`, {
        data: {},
        headers,
      });
      expect(submitted.ok(), await submitted.text()).toBe(true);
      report = candidate;
      break;
    }
    if (candidate.status === "pending_approval") {
      report = candidate;
      break;
    }
  }
  if (!report) throw new Error("no open period has a report the leader can approve");
  await officer.context().close();

  const page = await newPage(browser);
  await signInByKeyboard(page, "lanhdao.so");
  // From the top of a page: the skip link, then to the reports page through the navigation.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
  await tabTo(page, (f) => f.name === "Báo cáo" && f.role === "a", { header: STAFF_HEADER });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Báo cáo của đơn vị" })).toBeVisible();
  // The report itself, then its approval.
  await page.goto(`/reports/${report?.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tabTo(page, (f) => f.name === "Duyệt và gửi Sở Nội vụ", { header: STAFF_HEADER, limit: 200 });
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  if (await dialog.isVisible().catch(() => false)) {
    // The irreversible step asks first: the dialog holds the focus and its own confirm button.
    await tabTo(page, (f) => f.role === "button" && /Duyệt|Gửi|Đồng ý/.test(f.name), {
      header: STAFF_HEADER,
    });
    await page.keyboard.press("Enter");
  }
  await expect(page.getByText("Đã gửi báo cáo.")).toBeVisible();
  await page.context().close();
});
