import { crc32 } from "node:zlib";

/** An entry already compressed with raw deflate, and the unpacked size its headers claim (true or not). */
export interface DeflatedEntry {
  deflated: Buffer;
  declaredSize: number;
}

/**
 * Builds a zip in memory (entries stored, or deflated as given), for tests that need a .docx with
 * hand-written parts, a zip that is not a .docx at all, or one whose headers lie.
 */
export function makeZip(files: Record<string, string | Buffer | DeflatedEntry>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const given = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const deflated = Buffer.isBuffer(given) ? null : given;
    const data = deflated ? deflated.deflated : (given as Buffer);
    const size = deflated ? deflated.declaredSize : data.length;
    const method = deflated ? 8 : 0;
    const nameBytes = Buffer.from(name, "utf8");
    const crc = deflated ? 0 : crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal .docx around a body of WordprocessingML paragraphs. */
export function makeDocx(body: string, parts: { numbering?: string; styles?: string } = {}): Buffer {
  return makeZip({
    "[Content_Types].xml":
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ...(parts.numbering
      ? { "word/numbering.xml": `<?xml version="1.0"?><w:numbering ${W}>${parts.numbering}</w:numbering>` }
      : {}),
    ...(parts.styles
      ? { "word/styles.xml": `<?xml version="1.0"?><w:styles ${W}>${parts.styles}</w:styles>` }
      : {}),
  });
}

/** A paragraph, numbered when `num` is given. */
export function p(text: string, num?: { numId: number; ilvl: number }, style?: string): string {
  const pPr =
    num || style
      ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ""}${num ? `<w:numPr><w:ilvl w:val="${num.ilvl}"/><w:numId w:val="${num.numId}"/></w:numPr>` : ""}</w:pPr>`
      : "";
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</w:t></w:r></w:p>`;
}

/** A level of an abstract numbering definition. */
export function lvl(ilvl: number, format: string, text: string, start = 1): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
}
