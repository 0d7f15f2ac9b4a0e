import { Numbering, type NumberingRef } from "./docx-numbering.ts";
import { PlanImportError } from "./errors.ts";
import { readHeader } from "./tables.ts";
import { child, childElements, parseXml, val, type XmlElement, XmlFormatError } from "./xml.ts";
import { isZip, readZip, type ZipEntry, ZipFormatError } from "./zip.ts";

/**
 * A .docx as the plain text a person would type from it: one line per paragraph,
 * Word's automatic numbers written out, task tables as "|" rows, layout tables (the
 * two-column header, the signature block) one cell after the other.
 */

interface Style {
  numbering?: Partial<NumberingRef>;
  basedOn?: string;
}

function readStyles(xml: string | null): Map<string, Style> {
  const styles = new Map<string, Style>();
  if (!xml) return styles;
  const doc = parseXml(xml);
  const root = childElements(doc).find((e) => e.name === "styles");
  for (const s of root ? childElements(root, "style") : []) {
    const numPr = child(child(s, "pPr"), "numPr");
    const style: Style = { basedOn: val(child(s, "basedOn")) };
    if (numPr) {
      const numId = val(child(numPr, "numId"));
      const ilvl = val(child(numPr, "ilvl"));
      style.numbering = { numId, ilvl: ilvl !== undefined ? Number(ilvl) : undefined };
    }
    styles.set(s.attrs.styleId ?? "", style);
  }
  return styles;
}

class DocxText {
  private readonly lines: string[] = [];

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, Style>,
  ) {}

  private styleNumbering(styleId: string | undefined): Partial<NumberingRef> {
    const out: Partial<NumberingRef> = {};
    const seen = new Set<string>();
    let id = styleId;
    while (id && !seen.has(id)) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) break;
      out.numId ??= style.numbering?.numId;
      out.ilvl ??= style.numbering?.ilvl;
      id = style.basedOn;
    }
    return out;
  }

  private numberingOf(p: XmlElement): NumberingRef | null {
    const pPr = child(p, "pPr");
    const numPr = child(pPr, "numPr");
    const fromStyle = this.styleNumbering(val(child(pPr, "pStyle")));
    const numId = val(child(numPr, "numId")) ?? fromStyle.numId;
    const ilvlText = val(child(numPr, "ilvl"));
    const ilvl = ilvlText !== undefined ? Number(ilvlText) : (fromStyle.ilvl ?? 0);
    return numId && numId !== "0" ? { numId, ilvl } : null;
  }

  private runText(el: XmlElement, out: string[]): void {
    for (const c of el.children) {
      if (typeof c === "string") continue;
      switch (c.name) {
        case "t":
          for (const t of c.children) if (typeof t === "string") out.push(t);
          break;
        case "tab":
        case "ptab":
          out.push(" ");
          break;
        case "br":
        case "cr":
          out.push(c.attrs.type === "page" ? " " : "\n");
          break;
        case "noBreakHyphen":
          out.push("-");
          break;
        case "del":
        case "moveFrom":
        case "instrText":
        case "delText":
        case "drawing":
        case "pict":
        case "AlternateContent":
        case "rPr":
        case "pPr":
        case "footnoteReference":
        case "endnoteReference":
          break;
        default:
          this.runText(c, out);
      }
    }
  }

  /** A paragraph's text with its automatic number, if it has one. */
  paragraph(p: XmlElement): string {
    const parts: string[] = [];
    this.runText(p, parts);
    const text = parts.join("");
    const ref = this.numberingOf(p);
    const label = ref ? this.numbering.next(ref) : null;
    if (!text.trim()) return "";
    return label ? `${label} ${text}` : text;
  }

  private cellText(tc: XmlElement): string {
    let out = "";
    for (const p of this.blockParagraphs(tc)) {
      const text = p.replace(/\s*\n\s*/g, " ").trim();
      if (!text) continue;
      out = out ? `${out}${/[.;:,]$/.test(out) ? " " : "; "}${text}` : text;
    }
    return out.replace(/\|/g, "/");
  }

  private blockParagraphs(el: XmlElement): string[] {
    const out: string[] = [];
    for (const c of childElements(el)) {
      if (c.name === "p") out.push(this.paragraph(c));
      else if (c.name === "tbl")
        for (const row of childElements(c, "tr"))
          for (const tc of childElements(row, "tc")) out.push(this.cellText(tc));
      else if (c.name === "sdt") out.push(...this.blockParagraphs(child(c, "sdtContent") ?? c));
      else if (c.name === "customXml" || c.name === "ins") out.push(...this.blockParagraphs(c));
    }
    return out;
  }

  private table(tbl: XmlElement): void {
    const rows = childElements(tbl, "tr").map((tr) => {
      const cells: string[] = [];
      for (const tc of childElements(tr, "tc")) {
        const merge = child(child(tc, "tcPr"), "vMerge");
        const continued = merge !== undefined && merge.attrs.val !== "restart";
        cells.push(continued ? "" : this.cellText(tc));
      }
      return cells;
    });
    const headerAt = rows.findIndex((cells) => readHeader(`| ${cells.join(" | ")} |`) !== null);
    if (headerAt >= 0 && headerAt <= 2) {
      for (const cells of rows.slice(headerAt)) {
        if (cells.every((c) => c === "")) continue;
        this.lines.push(`| ${cells.join(" | ")} |`);
      }
      this.lines.push("");
      return;
    }
    // A layout table is read cell by cell, each cell's paragraphs as lines.
    for (const tr of childElements(tbl, "tr")) {
      for (const tc of childElements(tr, "tc")) {
        for (const p of this.blockParagraphs(tc)) if (p.trim()) this.lines.push(...p.split("\n"));
      }
    }
  }

  body(el: XmlElement): void {
    for (const c of childElements(el)) {
      if (c.name === "p") {
        const text = this.paragraph(c);
        if (text.trim()) this.lines.push(...text.split("\n"));
      } else if (c.name === "tbl") this.table(c);
      else if (c.name === "sdt") this.body(child(c, "sdtContent") ?? c);
      else if (c.name === "customXml" || c.name === "ins") this.body(c);
    }
  }

  text(): string {
    return this.lines.join("\n");
  }
}

function entryText(entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name);
  return entry ? entry.read().toString("utf8") : null;
}

/** The main document part named by the package relationships (usually word/document.xml). */
function mainPart(entries: Map<string, ZipEntry>): string | null {
  const rels = entryText(entries, "_rels/.rels");
  if (rels) {
    const root = childElements(parseXml(rels)).find((e) => e.name === "Relationships");
    const main = (root ? childElements(root, "Relationship") : []).find((r) =>
      (r.attrs.Type ?? "").endsWith("/officeDocument"),
    );
    const target = main?.attrs.Target?.replace(/^\//, "");
    if (target && entries.has(target)) return target;
  }
  return entries.has("word/document.xml") ? "word/document.xml" : null;
}

/** What was wrong with a damaged file (a broken zip, malformed XML), for the refusal's detail. */
function readingFault(error: unknown): string {
  return error instanceof ZipFormatError || error instanceof XmlFormatError ? error.message : "";
}

export async function readDocx(buffer: Uint8Array): Promise<string> {
  if (!isZip(buffer)) throw new PlanImportError("invalid-docx");
  let entries: Map<string, ZipEntry>;
  let part: string | null;
  try {
    entries = readZip(buffer);
    part = mainPart(entries);
  } catch (error) {
    throw new PlanImportError("invalid-docx", readingFault(error));
  }
  if (!part) throw new PlanImportError("not-docx");
  const dir = part.slice(0, part.lastIndexOf("/") + 1);
  try {
    const numbering = new Numbering(entryText(entries, `${dir}numbering.xml`));
    const styles = readStyles(entryText(entries, `${dir}styles.xml`));
    const doc = parseXml(entryText(entries, part) ?? "");
    const body = childElements(doc).find((e) => e.name === "document");
    // A workbook or presentation renamed .docx has a main part, but not a Word document.
    if (!body) throw new PlanImportError("not-docx");
    const reader = new DocxText(numbering, styles);
    const bodyEl = body ? child(body, "body") : undefined;
    if (bodyEl) reader.body(bodyEl);
    const text = reader.text();
    if (text.trim()) return text;
  } catch (error) {
    // a damaged part (bad deflate data, truncated entry) is the file's fault, not the reader's
    if (error instanceof PlanImportError) throw error;
    throw new PlanImportError("invalid-docx", readingFault(error));
  }
  // A document our reader finds empty gets a second reading from mammoth before it is called empty.
  try {
    const mammoth = await import("mammoth");
    const result = await mammoth.extractRawText({ buffer: Buffer.from(buffer) });
    return result.value;
  } catch (error) {
    throw new PlanImportError("invalid-docx", (error as Error).message);
  }
}
