import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import JSZip from "jszip";
import { expect, signIn, test, unique } from "./helpers.ts";

/** Dialogues with citizens and public consultation, driven as the coordinator would. */

async function pickUnit(page: Page, field: ReturnType<Page["getByLabel"]>, typed: string, name: RegExp) {
  await field.click();
  await page.keyboard.type(typed);
  await page.locator(".ant-select-tree-node-content-wrapper").filter({ hasText: name }).first().click();
}

function nav(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name });
}

test.describe("dialogues with citizens", () => {
  test("the coordinator schedules a dialogue, moderates a question sent in advance, records minutes and a commitment, then closes it", async ({
    page,
    request,
  }) => {
    // The whole life of a dialogue, a dozen screens: longer than one step's default minute.
    test.setTimeout(120_000);
    const title = unique("Đối thoại về đường giao thông nông thôn");
    await signIn(page, "dieuphoi");
    await nav(page, "Đối thoại với Nhân dân").click();
    await expect(page.getByRole("heading", { level: 1, name: "Đối thoại với Nhân dân" })).toBeVisible();
    await page.getByRole("button", { name: "Lên lịch đối thoại" }).click();
    const form = page.getByRole("dialog", { name: "Lên lịch đối thoại" });
    // Nothing is sent while required fields are empty.
    await form.getByRole("button", { name: "Lưu" }).click();
    await expect(form.getByText(/^Hãy nhập thông tin/).first()).toBeVisible();
    await form.getByLabel("Tên buổi đối thoại").fill(title);
    await form
      .getByLabel("Chủ đề, nội dung")
      .fill("Nâng cấp đường liên ấp và cầu nông thôn tại phường Rạch Giá.");
    await form.getByLabel("Người chủ trì đối thoại").fill("Chủ tịch UBND tỉnh");
    await form.getByLabel("Địa điểm").fill("Hội trường UBND phường Rạch Giá");
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const dd = String(inAWeek.getDate()).padStart(2, "0");
    const mm = String(inAWeek.getMonth() + 1).padStart(2, "0");
    const time = form.getByLabel("Thời gian");
    await time.fill(`${dd}/${mm}/${inAWeek.getFullYear()} 08:00`);
    await time.press("Enter");
    await pickUnit(
      page,
      form.getByLabel("Đơn vị tổ chức"),
      "phuong Rach Gia",
      /^Ủy ban nhân dân phường Rạch Giá/,
    );
    await form.getByRole("button", { name: "Lưu" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Đã lên lịch").first()).toBeVisible();
    const id = page.url().split("/dialogues/")[1];

    // A citizen sends a question from the portal, with markup that must show as text. The bridge has
    // a name of its own each run: the commitments list shows every dialogue's (a retry's too).
    const bridge = unique("cầu Kênh Xáng");
    const sent = await request.post(`/api/public/dialogues/${id}/questions`, {
      data: {
        text: `<b>Khi nào</b> ${bridge} được sửa để học sinh qua lại an toàn?`,
        contact: { name: "Nguyễn Văn Hỏi", phone: "0900000301" },
      },
    });
    expect(sent.status()).toBe(201);
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: bridge });
    await expect(row).toContainText("<b>Khi nào</b>");
    await expect(row).toContainText("Chờ duyệt");
    await row.getByRole("button", { name: "Duyệt đăng" }).click();
    await expect(row).toContainText("Đã đăng");
    await row.getByRole("button", { name: "Ghi câu trả lời" }).click();
    const answer = page.getByRole("dialog", { name: "Ghi câu trả lời" });
    await answer.getByLabel("Trả lời").fill(`Sở Xây dựng sửa ${bridge} trong quý tới.`);
    await answer.getByRole("button", { name: "Lưu" }).click();
    await expect(row).toContainText(`Sở Xây dựng sửa ${bridge} trong quý tới.`);

    // The dialogue takes place: it is marked held, the minutes are recorded.
    await page.getByRole("button", { name: "Đánh dấu đã tổ chức" }).click();
    await expect(page.getByText("Đã tổ chức").first()).toBeVisible();
    await page.getByRole("tab", { name: "Biên bản" }).click();
    await page
      .getByRole("textbox", { name: "Biên bản" })
      .fill("Dự 85 người dân; 6 ý kiến về giao thông nông thôn.");
    await page.getByRole("button", { name: "Lưu biên bản" }).click();
    await expect(page.getByRole("button", { name: "Lưu biên bản" })).toBeDisabled();
    await page.reload();
    await page.getByRole("tab", { name: "Biên bản" }).click();
    await expect(page.getByRole("textbox", { name: "Biên bản" })).toHaveValue(
      "Dự 85 người dân; 6 ý kiến về giao thông nông thôn.",
    );

    // The answer becomes a commitment owned by a department, due in ten working days.
    await page.getByRole("tab", { name: /^Câu hỏi/ }).click();
    await row.getByRole("button", { name: "Tạo cam kết" }).click();
    const commit = page.getByRole("dialog", { name: "Thêm cam kết" });
    await expect(commit.getByLabel("Nội dung cam kết")).toHaveValue(
      `Sở Xây dựng sửa ${bridge} trong quý tới.`,
    );
    await pickUnit(
      page,
      commit.getByLabel("Đơn vị chịu trách nhiệm"),
      "So Xay dung",
      /^Sở Xây dựng tỉnh An Giang/,
    );
    await commit.getByLabel("Sau số ngày làm việc").check();
    await commit.getByLabel("Số ngày làm việc kể từ hôm nay").fill("10");
    await commit.getByRole("button", { name: "Lưu" }).click();
    await expect(commit).toBeHidden();
    await page.getByRole("tab", { name: /^Cam kết/ }).click();
    const commitmentRow = page.getByRole("row").filter({ hasText: `sửa ${bridge}` });
    await expect(commitmentRow).toContainText("Sở Xây dựng tỉnh An Giang");
    await expect(commitmentRow).toContainText("Đang thực hiện");

    // The commitments list, filtered by owner; closing needs a note.
    await nav(page, "Cam kết sau đối thoại").click();
    await expect(page.getByRole("heading", { level: 1, name: "Cam kết sau đối thoại" })).toBeVisible();
    await pickUnit(
      page,
      page.getByLabel("Đơn vị chịu trách nhiệm"),
      "So Xay dung",
      /^Sở Xây dựng tỉnh An Giang/,
    );
    const listed = page.getByRole("row").filter({ hasText: `sửa ${bridge}` });
    await listed.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
    const close = page.getByRole("dialog", { name: "Đánh dấu hoàn thành" });
    await close.getByRole("button", { name: "Lưu" }).click();
    await expect(close.getByText(/^Hãy nhập thông tin/)).toBeVisible();
    await close.getByLabel("Kết quả thực hiện").fill(`Đã sửa xong ${bridge}.`);
    await close.getByRole("button", { name: "Lưu" }).click();
    await expect(listed).toContainText("Đã hoàn thành");
    await expect(listed).toContainText(`Đã sửa xong ${bridge}.`);

    // The portal shows it, the asker's name and phone masked away.
    const portal = await (await page.request.get(`/api/public/dialogues/${id}`)).json();
    expect(portal.minutes).toContain("Dự 85 người dân");
    expect(portal.commitments[0]).toMatchObject({ state: "done", closingNote: `Đã sửa xong ${bridge}.` });
    expect(JSON.stringify(portal)).not.toMatch(/Nguyễn Văn Hỏi|0900000301/);
  });
});

test.describe("public consultation", () => {
  test("the drafting agency publishes a draft, moderates and answers comments, and downloads the report", async ({
    page,
    request,
  }) => {
    const title = unique("Dự thảo Quy chế đối thoại ở cơ sở");
    await signIn(page, "dieuphoi");
    await nav(page, "Lấy ý kiến dự thảo").click();
    await expect(page.getByRole("heading", { level: 1, name: "Lấy ý kiến dự thảo" })).toBeVisible();
    // The demo's consultation is open.
    await expect(page.getByRole("link", { name: /Luật Thực hiện dân chủ ở cơ sở/ })).toBeVisible();
    await page.getByRole("button", { name: "Tạo dự thảo lấy ý kiến" }).click();
    const form = page.getByRole("dialog", { name: "Tạo dự thảo lấy ý kiến" });
    await form.getByLabel("Tên dự thảo").fill(title);
    await pickUnit(
      page,
      form.getByLabel("Cơ quan chủ trì soạn thảo"),
      "So Noi vu",
      /^Sở Nội vụ tỉnh An Giang$/,
    );
    const today = new Date();
    const fmt = (d: Date) =>
      `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
    const opens = form.getByLabel("Từ ngày");
    await opens.fill(fmt(today));
    await opens.press("Enter");
    const closes = form.getByLabel("Đến ngày");
    await closes.fill(fmt(new Date(Date.now() + 20 * 86_400_000)));
    await closes.press("Enter");
    await form
      .getByLabel("Dán toàn văn dự thảo để tách thành các mục")
      .fill(
        "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc đối thoại.\nĐiều 2. Tần suất\nMỗi năm ít nhất một lần.",
      );
    await form.getByRole("button", { name: "Tách thành các mục" }).click();
    await expect(form.getByLabel("Tiêu đề mục").first()).toHaveValue("Điều 1. Phạm vi điều chỉnh");
    await expect(form.getByLabel("Tiêu đề mục").nth(1)).toHaveValue("Điều 2. Tần suất");
    await form.getByRole("button", { name: "Lưu" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Dự thảo nội bộ").first()).toBeVisible();
    const id = page.url().split("/consultations/")[1];
    expect((await page.request.get(`/api/public/consultations/${id}`)).status()).toBe(404);

    await page.getByRole("button", { name: "Đăng lấy ý kiến" }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "Đăng lấy ý kiến" }).click();
    await expect(page.getByText("Đang lấy ý kiến").first()).toBeVisible();

    // Two citizens comment from the portal.
    const detail = await (await page.request.get(`/api/public/consultations/${id}`)).json();
    const section = detail.sections[1].id;
    for (const [text, phone] of [
      ["Đề nghị tổ chức đối thoại mỗi năm hai lần ở phường đông dân.", "0900000311"],
      ["Nội dung quảng cáo không liên quan, mua hàng giá rẻ tại đây!", "0900000312"],
    ]) {
      const posted = await request.post(`/api/public/consultations/${id}/comments`, {
        data: { sectionId: section, text, contact: { name: "Lê Thị Góp Ý", phone } },
      });
      expect(posted.status()).toBe(201);
    }
    await page.reload();
    const good = page.getByRole("row").filter({ hasText: "mỗi năm hai lần" });
    const spam = page.getByRole("row").filter({ hasText: "quảng cáo" });
    await expect(good).toContainText("Chờ duyệt");

    // Rejecting needs a reason from the list.
    await spam.getByRole("button", { name: "Không đăng" }).click();
    const reject = page.getByRole("dialog", { name: "Không đăng" });
    await reject.getByRole("button", { name: "Không đăng" }).click();
    await expect(reject.getByText("Hãy chọn lý do.", { exact: true })).toBeVisible();
    await reject.getByLabel("Không đúng chủ đề").check();
    await reject.getByRole("button", { name: "Không đăng" }).click();
    await expect(spam).toContainText("Không đúng chủ đề");
    await expect(spam.getByRole("button", { name: "Tiếp thu, giải trình" })).toHaveCount(0);

    await good.getByRole("button", { name: "Duyệt đăng" }).click();
    await expect(good).toContainText("Đã đăng");
    await good.getByRole("button", { name: "Tiếp thu, giải trình" }).click();
    const answer = page.getByRole("dialog", { name: "Tiếp thu, giải trình" });
    await answer.getByLabel("Tiếp thu một phần").check();
    const explanation = "Tiếp thu một phần: phường trên 20.000 dân tổ chức hai lần mỗi năm.";
    await answer.getByLabel("Giải trình").fill(explanation);
    await answer.getByRole("button", { name: "Lưu" }).click();
    await expect(good).toContainText(explanation);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Tải báo cáo tiếp thu, giải trình (.docx)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await file.path())!));
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(xml).toContain("BÁO CÁO");
    expect(xml).toContain(explanation);
    expect(xml).toContain("Điều 2. Tần suất");
    expect(xml).not.toContain("Lê Thị Góp Ý");

    // The portal shows the answer and never the author's name or phone.
    const published = await (await page.request.get(`/api/public/consultations/${id}`)).json();
    const shown = published.sections[1].comments;
    expect(shown).toHaveLength(1);
    expect(shown[0].response).toMatchObject({ result: "partly", explanation });
    expect(JSON.stringify(published)).not.toMatch(/Lê Thị Góp Ý|0900000311|quảng cáo/);
  });
});
