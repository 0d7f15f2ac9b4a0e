// The shape of an administrative document in the Nghị định 30/2020 layout (Phụ lục I), as the
// modules describe it; `nd30.ts` writes it as .docx, `pdf.ts` turns a .docx into PDF.
// Modules never lay out a document themselves: they fill this in.

/** A run of text inside a paragraph, for the little emphasis official documents use. */
export type DocRun = { text: string; bold?: boolean; italic?: boolean };

export type DocBlock =
  /** Numbered section titles keep the plan's own numbering in `text` ("I. KẾT QUẢ …", "1. …"). */
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  /** Justified body text, first-line indent; `runs` when parts need emphasis. */
  | {
      type: "paragraph";
      text?: string;
      runs?: DocRun[];
      italic?: boolean;
      align?: "justify" | "center" | "right";
    }
  | { type: "bullets"; items: string[] }
  /** A table with a header row repeated on every page; `widths` in percent of the text width. */
  | { type: "table"; header: string[]; rows: string[][]; widths?: number[]; totals?: string[] }
  | { type: "pageBreak" };

export type Nd30Document = {
  /** "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" over "SỞ NỘI VỤ", or just the first for UBND itself. */
  issuer: { parent?: string; name: string };
  /** The number line after "Số: ", e.g. "…/BC-UBND" (dots left for the clerk when not yet numbered). */
  number: string;
  /** "Kiên Giang"; with `date` null the line reads "…, ngày … tháng … năm …" for the signer. */
  place: string;
  date: Date | null;
  /** The document type printed in capitals: "BÁO CÁO", "KẾ HOẠCH"; omitted for a công văn. */
  kind?: string;
  /** The abstract (trích yếu): under the kind, or under the number for a công văn ("V/v …"). */
  abstract: string;
  /** "Kính gửi:" lines, for a công văn. */
  recipients?: string[];
  body: DocBlock[];
  signature: {
    /** "TM. ỦY BAN NHÂN DÂN" */
    authority?: string;
    /** "KT. CHỦ TỊCH" */
    capacity?: string;
    /** "PHÓ CHỦ TỊCH" */
    title: string;
    /** Left empty for the signer to fill in; printed when known. */
    name?: string;
  };
  /** "Nơi nhận:" lines ("- Như trên;", "- Lưu: VT, SNV."). */
  copiesTo: string[];
};
