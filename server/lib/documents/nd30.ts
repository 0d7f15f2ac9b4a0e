import {
  AlignmentType,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from "docx";
import { bodyBlocks, closingTable } from "./nd30-body.ts";
import { headerTable, letterAbstract, titleBlock } from "./nd30-head.ts";
import { A4, FONT, MARGINS, pt, SIZES } from "./nd30-layout.ts";
import type { Nd30Document } from "./types.ts";

export { issuerLines, placeDateLine } from "./nd30-head.ts";
export { A4, FONT, MARGINS_MM, SIZES } from "./nd30-layout.ts";

// The layout's rules and sizes are in nd30-layout.ts; the head, the body and the signature each
// have a file of their own.

/** The .docx of an administrative document laid out by Nghị định 30/2020. */
export async function renderNd30Docx(doc: Nd30Document): Promise<Buffer> {
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(SIZES.pageNumber), font: FONT })],
      }),
    ],
  });
  const document = new Document({
    creator: doc.issuer.name,
    title: doc.kind ? `${doc.kind} ${doc.abstract}` : letterAbstract(doc.abstract),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(SIZES.body), color: "000000" },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          // Page 1 takes the empty first-page header: the number shows from page 2 on.
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: MARGINS,
          },
        },
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          headerTable(doc),
          ...titleBlock(doc),
          ...bodyBlocks(doc.body),
          new Paragraph({ spacing: { before: 0, after: 120 }, keepNext: true, children: [] }),
          closingTable(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
