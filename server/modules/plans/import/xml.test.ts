import { describe, expect, it } from "vitest";
import { PlanImportError } from "./errors.ts";
import { readDocx } from "./read-docx.ts";
import { makeDocx, makeZip, p } from "./test-helpers.ts";
import { child, childElements, find, parseXml, val, type XmlElement, XmlFormatError } from "./xml.ts";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function text(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
}

function refusal(xml: string): Error {
  try {
    parseXml(xml);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

describe("parsing XML", () => {
  it("names elements and attributes by their local name, whatever the prefix or namespace", () => {
    const strict = parseXml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:pPr><x:numPr><x:numId x:val="3"/></x:numPr></x:pPr></x:p></x:body></x:document>`,
    );
    const document = childElements(strict).find((e) => e.name === "document");
    expect(document?.attrs).toEqual({ x: "http://purl.oclc.org/ooxml/wordprocessingml/main" });
    expect(val(find(document!, "numId"))).toBe("3");
    const plain = parseXml(
      '<Relationships xmlns="urn:r"><Relationship Id="rId1" Target="word/document.xml"/></Relationships>',
    );
    const rel = child(childElements(plain)[0], "Relationship");
    expect(rel?.attrs).toEqual({ Id: "rId1", Target: "word/document.xml" });
  });

  it("resolves the predefined entities, character references and CDATA", () => {
    const doc = parseXml(
      `<w:t ${W} w:val="a &amp; b &quot;c&quot;">Sở &lt;Nội vụ&gt; &amp; UBND &#272;&#x1EA1;i <![CDATA[<b>nguyên văn</b> & ]]>xong</w:t>`,
    );
    const t = childElements(doc)[0];
    expect(t.attrs.val).toBe('a & b "c"');
    expect(text(t)).toBe("Sở <Nội vụ> & UBND Đại <b>nguyên văn</b> & xong");
  });

  it("reads a part that starts with a byte order mark, and skips comments and instructions", () => {
    const doc = parseXml(`\uFEFF<?xml version="1.0"?><!-- ghi chú --><a><?pi x?><b>1</b><!-- <c/> --></a>`);
    const a = childElements(doc)[0];
    expect(a.name).toBe("a");
    expect(childElements(a).map((e) => e.name)).toEqual(["b"]);
    expect(text(a)).toBe("1");
  });

  it("refuses malformed XML with an XmlFormatError", () => {
    for (const bad of [
      "<a><b></a>",
      "<a>",
      "<a></b>",
      "<a>&nbsp;</a>",
      "<a x='1' x='2'/>",
      "<w:p>unbound prefix</w:p>",
      "<a/><b/>",
      "text only",
      "<a><![CDATA[never closed</a>",
    ]) {
      expect(refusal(bad), bad).toBeInstanceOf(XmlFormatError);
    }
  });

  it("never expands entities a document type declares", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]><a>&l2;</a>`;
    expect(refusal(laughs)).toBeInstanceOf(XmlFormatError);
    const external = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>`;
    expect(refusal(external)).toBeInstanceOf(XmlFormatError);
  });
});

describe("a .docx with malformed XML", () => {
  async function code(buffer: Buffer): Promise<string> {
    try {
      await readDocx(buffer);
    } catch (error) {
      if (error instanceof PlanImportError) return error.code;
      throw error;
    }
    return "read";
  }

  it("is refused as a damaged file, whichever part is malformed", async () => {
    const docx = makeDocx(p("Kế hoạch"));
    expect(await code(docx)).toBe("read");
    expect(await code(makeDocx(`${p("Kế hoạch")}<w:p><w:r><w:t>mở</w:r></w:p>`))).toBe("invalid-docx");
    expect(await code(makeDocx(p("Kế hoạch"), { numbering: "<w:abstractNum>" }))).toBe("invalid-docx");
    expect(await code(makeDocx(p("Kế hoạch"), { styles: "<w:style w:styleId='a'>&bad;</w:style>" }))).toBe(
      "invalid-docx",
    );
    const badRels = makeZip({
      "_rels/.rels": "<Relationships><Relationship Target='word/document.xml'></Relationships>",
      "word/document.xml": `<w:document ${W}><w:body>${p("Kế hoạch")}</w:body></w:document>`,
    });
    expect(await code(badRels)).toBe("invalid-docx");
  });

  it("finds the main part through relationships written with single quotes and entities", async () => {
    const docx = makeZip({
      "_rels/.rels":
        "<Relationships xmlns='urn:r'><Relationship Id='rId1' Type='http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument' Target='/van&#x62;an/main.xml'/></Relationships>",
      "vanban/main.xml": `<w:document ${W}><w:body>${p("Kế hoạch số 12")}</w:body></w:document>`,
    });
    expect(await readDocx(docx)).toBe("Kế hoạch số 12");
  });
});
