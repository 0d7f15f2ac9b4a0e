// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import en from "../../../common/i18n/areas/portal.en.json";
import vi from "../../../common/i18n/areas/portal.vi.json";
import { PublicPetitionCreate } from "../../../common/schemas/petitions.ts";
import { contactBody } from "./contact.tsx";
import { setLocale } from "./i18n.ts";
import { type PetitionDraft, petitionProblems } from "./petitionCheck.ts";

const good: PetitionDraft = {
  text: "Đèn chiếu sáng trên tuyến đường ven kênh trước chợ đã hỏng hơn một tháng.",
  title: "",
  communeName: null,
  contact: { name: "Nguyễn Thị Cổng", phone: "0912345678", email: "" },
};
type Change = Partial<Omit<PetitionDraft, "contact">> & { contact?: Partial<PetitionDraft["contact"]> };
const draft = (change: Change): PetitionDraft => ({
  ...good,
  ...change,
  contact: { ...good.contact, ...change.contact },
});

/** The request the form would send for the draft (as pages/Submit.tsx builds it), as the server reads it. */
function serverAccepts(d: PetitionDraft): boolean {
  return PublicPetitionCreate.safeParse({
    kind: "phan-anh",
    text: d.text.trim(),
    ...(d.communeName?.trim() ? { communeName: d.communeName.trim() } : {}),
    ...(d.title.trim() ? { title: d.title.trim() } : {}),
    contact: contactBody(d.contact),
  }).success;
}

afterEach(() => setLocale("vi"));

describe("the petition form's check", () => {
  it("passes a draft the server accepts", () => {
    expect(petitionProblems(good)).toEqual({});
    expect(serverAccepts(good)).toBe(true);
  });

  it("refuses, field by field, each draft the server's schema refuses", () => {
    const refused: [PetitionDraft, string][] = [
      [draft({ text: "ngắn quá" }), "text"],
      [draft({ text: `   ${"x".repeat(19)}   ` }), "text"],
      [draft({ title: "x".repeat(301) }), "title"],
      [draft({ communeName: "x".repeat(201) }), "commune"],
      [draft({ contact: { name: "x".repeat(201) } }), "name"],
      [draft({ contact: { phone: "12345" } }), "phone"],
      [draft({ contact: { email: "ten@" } }), "email"],
      [draft({ contact: { name: "  " } }), "name"],
    ];
    for (const [d, field] of refused) {
      expect(serverAccepts(d), JSON.stringify(d)).toBe(false);
      expect(Object.keys(petitionProblems(d)), JSON.stringify(d)).toEqual([field]);
    }
    // Accepted by both: a title and a commune within their lengths, an e-mail instead of a phone.
    const accepted = draft({
      title: "x".repeat(300),
      communeName: "Phường Rạch Giá",
      contact: { phone: "", email: " Ten@Example.VN " },
    });
    expect(serverAccepts(accepted)).toBe(true);
    expect(petitionProblems(accepted)).toEqual({});
  });

  it("asks for a phone or an e-mail, which the schema alone does not", () => {
    expect(petitionProblems(draft({ contact: { phone: "", email: "" } }))).toEqual({
      phone: vi.portal.submit.needContact,
    });
  });

  it("says it in the reader's language, in the form's order", () => {
    const wrong = draft({ text: "ngắn", title: "x".repeat(301), contact: { name: "", email: "a@b" } });
    expect(petitionProblems(wrong)).toEqual({
      title: "Không được quá 300 ký tự.",
      text: vi.portal.submit.needText,
      name: vi.portal.submit.needName,
      email: vi.portal.submit.emailInvalid,
    });
    expect(Object.keys(petitionProblems(wrong))).toEqual(["title", "text", "name", "email"]);
    setLocale("en");
    expect(petitionProblems(wrong)).toEqual({
      title: "At most 300 characters.",
      text: en.portal.submit.needText,
      name: en.portal.submit.needName,
      email: en.portal.submit.emailInvalid,
    });
  });
});
