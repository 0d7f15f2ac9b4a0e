import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, both } from "../lib/errors.ts";

/**
 * PostgreSQL stores neither a NUL character (U+0000) nor half of a UTF-16 surrogate pair in a
 * text or jsonb column: such a value made the query fail, a 500. They are refused here, on every
 * route, before any handler runs: in the path's parameters, the query string and the body (keys
 * and values, at any depth), and in the names of uploaded files. The answer is a 400 naming the
 * field by its path (`contact.name`, `communeIds.1`), in the request's language.
 */

export type UnsafeText = { kind: "nul" } | { kind: "surrogate"; unit: number };

/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
const NUL = "\u0000";

/** What is wrong with a text, if anything; linear in its length. */
export function unsafeText(text: string): UnsafeText | null {
  if (text.includes(NUL)) return { kind: "nul" };
  const lone = LONE_SURROGATE.exec(text);
  return lone ? { kind: "surrogate", unit: lone[0].charCodeAt(0) } : null;
}

/** A key as it can be shown in a message: the characters refused written as `\uXXXX`. */
function printable(key: string): string {
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return key.replaceAll(NUL, hex(NUL)).replace(LONE_SURROGATES, hex);
}

interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
}

function pathOf(node: Node, extra?: string): string {
  const keys: string[] = extra === undefined ? [] : [printable(extra)];
  for (let at: Node | null = node; at; at = at.parent) if (at.key !== null) keys.push(printable(at.key));
  return keys.reverse().join(".");
}

/**
 * The first text in a parsed value (JSON, a query string, path parameters) that PostgreSQL would
 * refuse, with its path. Walks with a stack of its own, not by recursion, so a deeply nested body
 * costs no call stack; each value and key is looked at once (the path is built only for the
 * finding).
 */
export function findUnsafeText(root: unknown): { path: string; problem: UnsafeText } | null {
  const stack: Node[] = [{ value: root, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const { value } = node;
    if (typeof value === "string") {
      const problem = unsafeText(value);
      if (problem) return { path: pathOf(node), problem };
    } else if (Array.isArray(value)) {
      // Pushed from the end, so the first finding in the document's order is the one named.
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
      const keys = Object.keys(value);
      for (const key of keys) {
        const problem = unsafeText(key);
        if (problem) return { path: pathOf(node, key), problem };
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (value as Record<string, unknown>)[keys[i]], key: keys[i], parent: node });
      }
    }
  }
  return null;
}

function refusal(field: string, problem: UnsafeText): AppError {
  const unit = problem.kind === "surrogate" ? `U+${problem.unit.toString(16).toUpperCase()}` : "";
  const detail =
    problem.kind === "nul"
      ? both(
          "chứa ký tự NUL (U+0000), không được phép",
          "contains a NUL character (U+0000), which is not allowed",
        )
      : both(
          `chứa ký tự ${unit} đứng một mình, thiếu nửa còn lại của cặp UTF-16, không được phép`,
          `contains ${unit}, half of a UTF-16 surrogate pair without its other half, which is not allowed`,
        );
  return new AppError(400, "validation", { field, detail }, field);
}

/** Refuses the request if a text in its parameters, query string or body is one PostgreSQL refuses. */
export function checkRequestText(request: Pick<FastifyRequest, "params" | "query" | "body">): void {
  for (const [where, value] of [
    ["params", request.params],
    ["query", request.query],
    ["body", request.body],
  ] as const) {
    const found = findUnsafeText(value);
    // A body that is one text (not an object) is named "body"; a field by its path.
    if (found) throw refusal(found.path || where, found.problem);
  }
}

type FileOf = FastifyRequest["file"];

/**
 * Uploads are read by the handler (`request.file()`), after this hook: the file's name, which
 * a plan import stores, is checked as the handler reads it.
 */
function guardFileNames(request: FastifyRequest) {
  const read = request.file.bind(request) as FileOf;
  request.file = (async (...args: Parameters<FileOf>) => {
    const part = await read(...args);
    const problem = part?.filename ? unsafeText(part.filename) : null;
    if (part && problem) {
      part.file.resume();
      throw refusal("file", problem);
    }
    return part;
  }) as FileOf;
}

/** Installs the check on every route registered after it (call before registering routes). */
export function installTextGuard(app: FastifyInstance) {
  app.addHook("preValidation", async (request) => {
    checkRequestText(request);
    if (request.isMultipart()) guardFileNames(request);
  });
}
