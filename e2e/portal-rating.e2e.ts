import { expect, test } from "./helpers.ts";
import { fillPetition, PHONE, randomPhone, seriousViolations, staff } from "./portal-helpers.ts";

// The answer, then the citizen's rating: a petition sent on the portal is answered by staff (through
// the API), rated once by the citizen with the phone given, and, once closed, followed up.

test.describe("rating the answer", () => {
  test.use({ viewport: PHONE });

  test("the citizen rates the published answer once, proving it with the phone given", async ({
    page,
    baseURL,
  }) => {
    const phone = randomPhone();
    await page.goto("/cong-dan/gui-phan-anh");
    await fillPetition(page, { phone });
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Đã gửi thành công" })).toBeVisible();
    const code = (await page.getByTestId("tracking-code").textContent())!.trim();

    // Staff route, answer and approve it (the staff app's own tests drive those screens).
    const coordinator = await staff(baseURL!, "dieuphoi");
    const officer = await staff(baseURL!, "canbo.so");
    const leader = await staff(baseURL!, "lanhdao.so");
    const found = await coordinator.api.get(`/api/petitions?q=${code}`);
    const id = (await found.json()).items[0].id as string;
    const unitId = (await (await officer.api.get("/api/me")).json()).roles[0].unitId as string;
    const post = (who: typeof officer, url: string, data: unknown, method: "post" | "put" = "post") =>
      who.api[method](url, { data, headers: { "x-csrf-token": who.csrf } });
    expect((await post(coordinator, `/api/petitions/${id}/assign`, { unitId })).status()).toBeLessThan(300);
    const answer =
      "Đơn vị đã phối hợp với điện lực thay bóng đèn trên tuyến đường ven kênh; đèn đã sáng lại từ tối qua.";
    expect(
      (await post(officer, `/api/petitions/${id}/answer`, { text: answer }, "put")).status(),
    ).toBeLessThan(300);
    expect((await post(leader, `/api/petitions/${id}/answer/approve`, {})).status()).toBeLessThan(300);
    for (const who of [coordinator, officer, leader]) await who.api.dispose();

    await page.getByRole("link", { name: "Xem tình trạng hồ sơ" }).click();
    await expect(page.getByRole("heading", { level: 2, name: `${code}: Đã trả lời` })).toBeVisible();
    await expect(page.getByText(answer)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const rating = page.getByRole("form", { name: "Đánh giá trả lời" });
    // Each refusal is announced, tied to what it is about, and takes the focus there.
    const proofField = rating.getByLabel("Số điện thoại hoặc email đã ghi khi gửi");
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    const refusal = rating.getByRole("alert");
    await expect(refusal).toContainText("Hãy chọn mức hài lòng.");
    const refusalId = await refusal.getAttribute("id");
    expect(refusalId).toBeTruthy();
    await expect(rating.getByRole("group", { name: "Mức hài lòng" })).toHaveAttribute(
      "aria-describedby",
      refusalId!,
    );
    await expect(rating.getByRole("radio").first()).toBeFocused();
    await rating.getByLabel("4 — Hài lòng").check();
    await proofField.fill("0912 000 001");
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect(refusal).toContainText("không khớp");
    await expect(proofField).toHaveAttribute("aria-invalid", "true");
    expect((await proofField.getAttribute("aria-describedby"))?.split(" ")).toContain(refusalId);
    await expect(proofField).toBeFocused();
    await rating.getByLabel("Số điện thoại hoặc email đã ghi khi gửi").fill(`+84 ${phone.slice(1)}`);
    await rating.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect(page.getByText("Đã đánh giá: 4/5")).toBeVisible();
    await expect(page.getByText("Cảm ơn ông/bà đã đánh giá.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Đánh giá trả lời" })).toHaveCount(0);

    // Once closed, the page asks whether the matter was actually resolved — once.
    const closer = await staff(baseURL!, "lanhdao.so");
    const closed = await closer.api.post(`/api/petitions/${id}/close`, {
      data: { resolved: true },
      headers: { "x-csrf-token": closer.csrf },
    });
    expect(closed.status(), await closed.text()).toBeLessThan(300);
    await closer.api.dispose();
    await page.reload();
    await expect(
      page.getByRole("heading", { level: 2, name: `${code}: Đã đóng — đã giải quyết` }),
    ).toBeVisible();
    const followUp = page.getByRole("form", { name: "Vấn đề đã được giải quyết chưa?" });
    await followUp.getByLabel("Chưa được giải quyết").check();
    await followUp.getByLabel("Ý kiến thêm (không bắt buộc)").fill("Đèn sáng được hai hôm rồi lại tắt.");
    await followUp.getByLabel("Số điện thoại hoặc email đã ghi khi gửi").fill(phone);
    expect(await seriousViolations(page)).toEqual([]);
    await followUp.getByRole("button", { name: "Gửi ý kiến" }).click();
    await expect(page.getByText("Ông/bà đã trả lời: Chưa được giải quyết.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Vấn đề đã được giải quyết chưa?" })).toHaveCount(0);
  });
});
