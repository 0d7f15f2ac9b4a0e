// Every form of the staff app that checks its fields says so when sending fails: a summary above
// the form, announced and focused, with a link to each field (FormErrorSummary.tsx). AppForm
// (AppForm.tsx) brings it; a bare antd <Form> does not. This reads every .tsx under web/src and
// names each file that renders antd's Form itself while it has validation rules (`rules=`), unless
// that Form wires the summary by hand (onFinishFailed). A form with no rules (a filter bar) may
// stay plain antd.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const webSrc = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sources(path);
    return path.endsWith(".tsx") ? [path] : [];
  });
}

type Findings = { bareForms: number[]; rules: number; appForms: number };

/** The lines of the bare antd <Form>s (no onFinishFailed) in a source, its rules= and its <AppForm>s. */
function findForms(file: string, source: string): Findings {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // The local name(s) antd's Form goes by here: `import { Form } from "antd"`, or `Form as X`.
  const formNames = new Set<string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== "antd") continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if ((element.propertyName ?? element.name).text === "Form") formNames.add(element.name.text);
    }
  }
  const found: Findings = { bareForms: [], rules: 0, appForms: 0 };
  const visit = (node: ts.Node) => {
    if (ts.isJsxAttribute(node) && node.name.getText(sf) === "rules") found.rules++;
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText(sf);
      if (tag === "AppForm") found.appForms++;
      if (formNames.has(tag)) {
        const wired = node.attributes.properties.some(
          (a) => ts.isJsxAttribute(a) && a.name.getText(sf) === "onFinishFailed",
        );
        if (!wired) found.bareForms.push(sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** "file:line" of each bare antd Form in a file that has validation rules. */
function unannounced(file: string, source: string): string[] {
  const found = findForms(file, source);
  return found.rules > 0 ? found.bareForms.map((line) => `${file}:${line}`) : [];
}

describe("forms announce their errors", () => {
  it("finds a bare antd Form with rules, and lets AppForm, a wired Form and a rule-less Form pass", () => {
    const bare = `import { Form, Input } from "antd";
      export const A = () => <Form><Form.Item name="a" rules={[{ required: true }]}><Input /></Form.Item></Form>;`;
    const renamed = `import { Form as AntForm } from "antd";
      export const A = () => <AntForm><AntForm.Item name="a" rules={[{ required: true }]} /></AntForm>;`;
    const wrapped = `import { Form } from "antd"; import { AppForm } from "../../components/AppForm.tsx";
      export const A = () => <AppForm><Form.Item name="a" rules={[{ required: true }]} /></AppForm>;`;
    const wired = `import { Form } from "antd";
      export const A = () => <Form onFinishFailed={e.onFinishFailed}><Form.Item name="a" rules={[]} /></Form>;`;
    const filter = `import { Form, Input } from "antd";
      export const A = () => <Form layout="inline"><Form.Item name="q"><Input /></Form.Item></Form>;`;
    expect(unannounced("bare.tsx", bare)).toEqual(["bare.tsx:2"]);
    expect(unannounced("renamed.tsx", renamed)).toEqual(["renamed.tsx:2"]);
    expect(unannounced("wrapped.tsx", wrapped)).toEqual([]);
    expect(unannounced("wired.tsx", wired)).toEqual([]);
    expect(unannounced("filter.tsx", filter)).toEqual([]);
  });

  it("every form of web/src with validation rules is an AppForm (or wires the summary)", () => {
    const files = sources(webSrc);
    const offenders: string[] = [];
    let appForms = 0;
    for (const path of files) {
      const file = relative(join(webSrc, "../.."), path);
      const source = readFileSync(path, "utf8");
      offenders.push(...unannounced(file, source));
      appForms += findForms(file, source).appForms;
    }
    // The scan reads the forms at all: the staff app has a couple of dozen.
    expect(appForms).toBeGreaterThan(20);
    expect(offenders, "use AppForm (web/src/components/AppForm.tsx) instead of antd's Form").toEqual([]);
  });
});
