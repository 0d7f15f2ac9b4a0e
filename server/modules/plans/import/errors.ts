/**
 * The importer refuses bad input with one error class, so callers (HTTP route, CLI)
 * can show the user a clear reason in both languages and nothing half-built.
 */

export type PlanImportErrorCode =
  | "empty"
  | "too-large"
  | "too-long"
  | "too-slow"
  | "too-complex"
  | "unsupported-format"
  | "invalid-docx"
  | "not-docx"
  | "invalid-pdf"
  | "pdf-no-text"
  | "legacy-encoding";

interface Messages {
  vi: string;
  en: string;
  status: number;
}

const MESSAGES: Record<PlanImportErrorCode, (detail: string) => Messages> = {
  empty: () => ({
    vi: "Tệp trống: không có nội dung để nhập",
    en: "the file is empty: there is nothing to import",
    status: 422,
  }),
  "too-large": (detail) => ({
    vi: `Tệp quá lớn (${detail}): giới hạn là 20 MiB`,
    en: `the file is too large (${detail}): the limit is 20 MiB`,
    status: 413,
  }),
  "too-long": (detail) => ({
    vi: `Văn bản quá dài (khoảng ${detail} trang): một kế hoạch được nhận tối đa khoảng 660 trang (2 triệu ký tự)`,
    en: `the text is too long (about ${detail} pages): a plan may have at most about 660 pages (2 million characters)`,
    status: 413,
  }),
  "too-slow": (detail) => ({
    vi: `Không đọc xong tệp trong ${detail} giây: tệp có cấu trúc bất thường; hãy lưu lại thành .docx hoặc .txt rồi nhập lại`,
    en: `the file could not be read within ${detail} seconds: its structure is unusual; save it again as .docx or .txt and import it again`,
    status: 422,
  }),
  "too-complex": (detail) => ({
    vi: `Tệp cần quá nhiều bộ nhớ để đọc (hơn ${detail}): hãy chia nhỏ hoặc lưu lại thành .txt rồi nhập lại`,
    en: `reading the file needs too much memory (over ${detail}): split it, or save it as .txt, and import it again`,
    status: 413,
  }),
  "unsupported-format": (detail) => ({
    vi: `Không đọc được định dạng tệp ${detail}: hãy lưu thành .docx, .pdf hoặc .txt`,
    en: `cannot read the ${detail} format: save it as .docx, .pdf or .txt`,
    status: 415,
  }),
  "invalid-docx": () => ({
    vi: "Tệp .docx bị hỏng hoặc không phải tệp Word",
    en: "the .docx file is damaged or is not a Word file",
    status: 422,
  }),
  "not-docx": () => ({
    vi: "Tệp nén này không phải văn bản Word (.docx): không có word/document.xml",
    en: "this zip is not a Word document (.docx): it has no word/document.xml",
    status: 422,
  }),
  "invalid-pdf": () => ({
    vi: "Tệp PDF bị hỏng hoặc không đọc được",
    en: "the PDF file is damaged or cannot be read",
    status: 422,
  }),
  "pdf-no-text": () => ({
    vi: "Tệp PDF không có lớp văn bản: hãy nhận dạng ký tự (OCR) trước",
    en: "this PDF has no text layer: run OCR first",
    status: 422,
  }),
  "legacy-encoding": (detail) => ({
    vi: `Văn bản dùng bảng mã cũ (${detail}), không phải Unicode: hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại`,
    en: `the text is in a legacy Vietnamese encoding (${detail}), not Unicode: convert it to Unicode and import again`,
    status: 422,
  }),
};

export class PlanImportError extends Error {
  readonly messageVi: string;
  readonly messageEn: string;
  /** The HTTP status that fits, for the route that reports it. */
  readonly status: number;

  constructor(
    readonly code: PlanImportErrorCode,
    readonly detail = "",
  ) {
    const messages = MESSAGES[code](detail);
    super(`${messages.vi} / ${messages.en}`);
    this.name = "PlanImportError";
    this.messageVi = messages.vi;
    this.messageEn = messages.en;
    this.status = messages.status;
  }
}
