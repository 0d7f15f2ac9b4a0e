import { SaxesParser } from "saxes";

/**
 * WordprocessingML read with saxes, a strict streaming XML parser: elements by local name
 * (prefixes dropped, so transitional and strict namespaces read alike), attributes by local
 * name, text with entities and CDATA resolved. A part that is not well-formed XML (a tag left
 * open, an unknown entity, an unbound prefix) throws an `XmlFormatError`, which the reader
 * refuses as a damaged file. A document type is skipped, never expanded.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlFormatError extends Error {}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** The five predefined entities and character references, for text taken outside a parsed document. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** The document as a tree under a `#document` root; throws `XmlFormatError` on malformed XML. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    // by the name as written: `xmlns:w` is kept as `w`, as every other prefix is dropped
    for (const attribute of Object.values(tag.attributes)) attrs[localName(attribute.name)] = attribute.value;
    const element: XmlElement = { name: localName(tag.name), attrs, children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  // called for a self-closing tag too, right after its opentag
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", (text) => {
    stack[stack.length - 1].children.push(text);
  });
  parser.on("cdata", (text) => {
    stack[stack.length - 1].children.push(text);
  });
  parser.on("error", (error) => {
    throw new XmlFormatError(error.message);
  });
  parser.write(xml).close();
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children)
    if (typeof c !== "string" && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== "string" && c.name === name) return c;
  return undefined;
}

/** First descendant with this local name, depth-first. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (c.name === name) return c;
    const inner = find(c, name);
    if (inner) return inner;
  }
  return undefined;
}

export function val(el: XmlElement | undefined): string | undefined {
  return el?.attrs.val;
}
