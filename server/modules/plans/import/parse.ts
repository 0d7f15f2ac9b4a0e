import {
  type Actors,
  PLAN_TREE_FORMAT,
  type PlanDocument,
  type PlanItem,
  type PlanTree,
  type PlanWarning,
  type ReportingDuty,
} from "../../../../common/plan-tree.ts";
import { effectiveActors, hasActors, NO_ACTORS, type OwnActors, ownActors } from "./actors.ts";
import { parseDue, parseDueCell } from "./due.ts";
import { assertUnicodeText } from "./encoding.ts";
import { PlanImportError } from "./errors.ts";
import { fold } from "./fold.ts";
import { layOut } from "./layout.ts";
import { buildParagraphs } from "./lines.ts";
import { romanValue } from "./markers.ts";
import { issuerFromPreamble, properCase, readHeader, readTail } from "./metadata.ts";
import { normalizeText } from "./normalize.ts";
import { type CitationAt, collectReferences, findCitations } from "./references.ts";
import { reportingDuties } from "./reporting.ts";
import { buildTree, newRoot, type RawNode } from "./structure.ts";
import { cellMentions } from "./tables.ts";

/** Inputs above this are refused before any parsing (a plan is a few dozen pages). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

// Sections of purposes, requirements, grounds: their leaves state, they do not assign.
const STATEMENT_SECTION =
  /muc dich|yeu cau|muc tieu|quan diem|can cu|su can thiet|tinh hinh|ket qua|danh gia|pham vi|doi tuong|nguyen tac|kinh phi/;
const TASK_SECTION =
  /nhiem vu|giai phap|to chuc thuc hien|trach nhiem|phan cong|hoat dong|lo trinh|tien do|che do bao cao/;

function isTaskSection(title: string): boolean {
  const f = fold(title);
  return TASK_SECTION.test(f) || !STATEMENT_SECTION.test(f);
}

function excerpt(text: string): string {
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

interface Context {
  lines: string[];
  warnings: PlanWarning[];
  citations: CitationAt[];
  reporting: ReportingDuty[];
}

function unparsed(ctx: Context, from: number, to: number, at: string | null = null): void {
  for (let n = from; n <= to; n++) {
    const text = ctx.lines[n - 1]?.trim();
    if (!text) continue;
    ctx.warnings.push({
      code: "unparsed-line",
      message: `Không xếp được dòng này vào kế hoạch: "${excerpt(text)}"`,
      at,
      line: n,
    });
  }
}

function cite(ctx: Context, text: string, line: number, basis: boolean, at: string | null): void {
  for (const c of findCitations(text)) ctx.citations.push({ ...c, basis, at, line });
}

function fieldActors(node: RawNode): OwnActors {
  const cells = node.fields ?? {};
  return {
    lead: cellMentions(cells.lead),
    implementing: cellMentions(cells.implementing),
    requested: [],
    coordinating: cellMentions(cells.coordinating),
    leadsInherited: false,
  };
}

function toItem(
  ctx: Context,
  node: RawNode,
  parentCode: string,
  depth: number,
  inherited: Actors,
  taskSection: boolean,
): PlanItem {
  const code = parentCode ? `${parentCode}.${node.segment}` : node.segment;
  const leaf = node.children.length === 0;
  const title = node.texts[0] ?? "";
  const isTask = depth === 0 ? isTaskSection(title) : taskSection;
  const kind = depth === 0 ? "section" : !leaf ? "heading" : isTask ? "task" : "statement";
  const text = node.texts.join("\n");
  const fields = node.fields ?? {};
  const labelled =
    fields.lead !== undefined || fields.coordinating !== undefined || fields.implementing !== undefined;
  const own = node.row || labelled ? fieldActors(node) : ownActors(node.texts);
  const actors = effectiveActors(own, inherited);
  let due = null;
  if (isTask) due = fields.due ? parseDueCell(fields.due) : parseDue(text);
  node.texts.forEach((t, i) => {
    cite(ctx, t, node.lines[i] ?? node.from, false, code);
  });
  // a section with text and no items is one task of its own ("III. TỔ CHỨC THỰC HIỆN" + a paragraph)
  if (isTask && (kind !== "section" || (leaf && node.texts.length > 1))) {
    ctx.reporting.push(...reportingDuties(text, actors, code));
  }
  if (kind === "task" && !hasActors(actors)) {
    ctx.warnings.push({
      code: "unassigned-task",
      message: "Nhiệm vụ chưa có đơn vị thực hiện",
      at: code,
      line: node.from,
    });
  }
  const children = node.children.map((child) => toItem(ctx, child, code, depth + 1, actors, isTask));
  const item: PlanItem = {
    code,
    kind,
    title: kind === "section" || kind === "heading" ? title : null,
    text,
    actors,
    due,
    ...(node.row || fields.product !== undefined ? { product: fields.product ?? null } : {}),
    source: { lines: [node.from, Math.max(node.from, node.to)] },
    children,
  };
  return item;
}

function appendixSegment(number: string | null): string {
  if (!number) return "PL";
  const value = /^\d+$/.test(number) ? Number(number) : romanValue(number);
  return `PL${value || number}`;
}

/** Parses a plan's text into plan-tree/1. Throws PlanImportError only for unusable input. */
export function parsePlanText(raw: string): PlanTree {
  if (raw.length > MAX_IMPORT_BYTES || Buffer.byteLength(raw, "utf8") > MAX_IMPORT_BYTES) {
    throw new PlanImportError("too-large", `${(Buffer.byteLength(raw, "utf8") / 1048576).toFixed(1)} MiB`);
  }
  if (raw.trim().length === 0) throw new PlanImportError("empty");
  assertUnicodeText(raw);
  const normalized = normalizeText(raw);
  if (normalized.trim().length === 0) throw new PlanImportError("empty");
  const lines = normalized.split("\n");
  const layout = layOut(buildParagraphs(normalized));
  const ctx: Context = { lines, warnings: [], citations: [], reporting: [] };

  for (const p of layout.banner) unparsed(ctx, p.from, p.to);
  const header = readHeader(layout.header);
  ctx.warnings.push(...header.warnings);
  for (const cell of header.unplaced) unparsed(ctx, cell.line, cell.line);
  const tail = readTail(layout.tail);
  for (const cell of tail.unplaced) unparsed(ctx, cell.line, cell.line);

  if (layout.title) cite(ctx, layout.title.text, layout.title.from, true, null);
  for (const p of layout.preamble) cite(ctx, p.text, p.from, true, null);

  const items: PlanItem[] = [];
  if (layout.unstructured) {
    const body = [...layout.preamble, ...layout.body];
    if (body.length > 0) {
      const from = body[0].from;
      const to = body[body.length - 1].to;
      for (const p of body) unparsed(ctx, p.from, p.to);
      const text = body.map((p) => p.text).join("\n");
      for (const p of body) cite(ctx, p.text, p.from, false, "I");
      items.push({
        code: "I",
        kind: "section",
        title: null,
        text,
        actors: NO_ACTORS,
        due: null,
        source: { lines: [from, to] },
        children: [],
      });
    }
  } else {
    const root = buildTree(layout.body);
    for (const node of root.children) items.push(toItem(ctx, node, "", 0, NO_ACTORS, true));
  }
  for (const p of layout.closing) cite(ctx, p.text, p.from, false, null);
  const codes = new Set(items.map((i) => i.code));
  for (const appendix of layout.appendices) {
    const node = newRoot(appendixSegment(appendix.number), appendix.heading.from);
    node.texts.push(appendix.heading.text);
    node.lines.push(appendix.heading.from);
    const tree = buildTree(appendix.body, node);
    const segment = tree.segment;
    let unique = segment;
    for (let n = 2; codes.has(unique); n++) unique = `${segment}x${n}`;
    tree.segment = unique;
    const heading = tree.texts.slice();
    tree.texts = [heading[0]];
    tree.lines = [tree.lines[0]];
    const item = toItem(ctx, tree, "", 0, NO_ACTORS, true);
    item.text = heading.join("\n");
    items.push(item);
    codes.add(item.code);
  }

  const { references, warnings: conflicts } = collectReferences(ctx.citations);
  ctx.warnings.push(...conflicts);

  const issuer =
    header.issuer ??
    [layout.title, ...layout.preamble, ...layout.closing]
      .map((p) => (p ? issuerFromPreamble(p.text) : null))
      .find((i) => i !== null) ??
    issuerFromSignature(tail.signer?.authority ?? []);
  const document: PlanDocument = {
    type: layout.type,
    number: header.number,
    symbol: header.symbol,
    place: header.place,
    date: header.date,
    issuer: issuer ?? null,
    title: layout.title?.text ?? null,
    signer: tail.signer,
    recipients: tail.recipients,
  };
  const warnings = ctx.warnings
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) => (a.w.line ?? Number.MAX_SAFE_INTEGER) - (b.w.line ?? Number.MAX_SAFE_INTEGER) || a.i - b.i,
    )
    .map(({ w }) => w);
  return {
    format: PLAN_TREE_FORMAT,
    document,
    references,
    reporting: ctx.reporting,
    warnings,
    items,
    source: { text: normalized },
  };
}

/** "TM. ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân", when nothing better names the issuer. */
function issuerFromSignature(authority: string[]): string | null {
  const body = authority.find((a) => /^tm\b|^t\/m\b/.test(fold(a)));
  if (!body) return null;
  return properCase(body.replace(/^\S+\s*/, "")) || null;
}
