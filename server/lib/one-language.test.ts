// No text in the server glues both languages into one string ("đơn vị / unit"): a Vietnamese
// reader then reads English and an English reader Vietnamese. A message parameter in both
// languages is `both(vi, en)` (errors.ts); an actor that is not a user is a code (common/actors.ts);
// anything else is data the reader's language is applied to. This scans the string literals of
// every server file that is not a test, comments and regular expressions aside.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

/** Letters only Vietnamese has (with its tone and vowel marks), in either case. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** The words right after the slash, up to punctuation: "no file", "the citizen", "missing column". */
const WORDS_AFTER = /^(?:[A-Za-z][A-Za-z'-]*)(?: [A-Za-z][A-Za-z'-]*)*/;

/**
 * Whether a literal's text glues Vietnamese and English: some " / " with Vietnamese on its left
 * (back to the previous slash) and on its right words that are plain ASCII, not Vietnamese. Dates
 * (01/03/2025), numbers (123/KH-UBND) and paths have no spaces around the slash; "xã / phường"
 * is Vietnamese on both sides.
 */
function gluesLanguages(text: string): boolean {
  const parts = text.split(" / ");
  for (let i = 0; i + 1 < parts.length; i++) {
    const left = parts[i];
    const words = WORDS_AFTER.exec(parts[i + 1])?.[0] ?? "";
    const next = parts[i + 1].slice(words.length, words.length + 1);
    // "ban ngành": a word with no marks followed by one with them is still Vietnamese.
    // Lower-case letters: "KT. CHỦ TỊCH" after a slash is a Vietnamese abbreviation, not English.
    const english = !VIETNAMESE.test(next) && /[a-z]{2}/.test(words);
    if (VIETNAMESE.test(left) && english) return true;
  }
  return false;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The string literals of a source that glue both languages; a template's `${…}` reads as "…". */
function findGlued(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Finding[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join("…");
    if (text !== null && gluesLanguages(text)) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      found.push({ file, line: line + 1, text });
    }
    // A template's own spans hold expressions that may hold literals: keep walking.
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe("one language per text", () => {
  it("recognises a text that glues both languages, and leaves the rest alone", () => {
    const glued = [
      "đơn vị / unit",
      "thiếu tệp / no file",
      "công dân (cổng thông tin) / citizen (portal)",
      "thiếu cột / missing column “…”",
      "Nhiệm vụ … không còn trong phiên bản … của kế hoạch / no longer in version …",
      "Đã tiếp nhận. Dùng mã này để theo dõi. / Received; follow it with this code.",
      "… phản ánh, kiến nghị / petitions",
      "kế hoạch / plans: …",
    ];
    for (const text of glued) expect(gluesLanguages(text), text).toBe(true);
    const fine = [
      "01/03/2025",
      "Số 123/KH-UBND",
      "/api/units/:id",
      "xã / phường / đặc khu",
      "sở / ban ngành",
      "Chuyển từ Sở A sang Sở B",
      "received / expected, on time / late",
      "multipart/form-data",
      "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    ];
    for (const text of fine) expect(gluesLanguages(text), text).toBe(false);
  });

  it("looks at string literals only: not at comments or regular expressions", () => {
    const source = [
      "// đơn vị / unit, in a comment",
      "/** hệ thống / system */",
      "const pattern = /^Chuyển từ (.+) \\/ passed on from \\1$/;",
      'const ok = both("đơn vị", "unit");',
      'const bad = notFound("đơn vị / unit");',
      `const template = \`mục \${code} / item \${code}\`;`,
      `const nested = f(\`\${g('thiếu tệp / no file')}\`);`,
    ].join("\n");
    expect(findGlued("x.ts", source).map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 5, text: "đơn vị / unit" },
      { line: 6, text: "mục … / item …" },
      { line: 7, text: "thiếu tệp / no file" },
    ]);
  });

  it("finds no text in the server that glues Vietnamese and English", () => {
    const findings = sources(join(root, "server")).flatMap((path) =>
      findGlued(relative(root, path), readFileSync(path, "utf8")),
    );
    // Each as file:line and the text, so that the message says where to look.
    expect(findings.map(({ file, line, text }) => `${file}:${line}: ${text}`)).toEqual([]);
  });
});
