import type { Locale } from "../../common/enums.ts";

/**
 * What a schema refusal means, in the request's language. Zod words its issues in English
 * ("Too small: expected string to have >=1 characters"); an official typing a form should read
 * "cần ít nhất 1 ký tự". Issues of a kind not listed keep Zod's own words.
 */
export type SchemaIssue = {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  input?: unknown;
  format?: string;
  values?: unknown[];
  message?: string;
};

const FORMATS: Record<string, { vi: string; en: string }> = {
  email: { vi: "một địa chỉ e-mail", en: "an e-mail address" },
  uuid: { vi: "một mã định danh (UUID)", en: "an identifier (UUID)" },
  url: { vi: "một địa chỉ web", en: "a web address" },
  date: { vi: "một ngày dạng YYYY-MM-DD", en: "a date as YYYY-MM-DD" },
  datetime: { vi: "một thời điểm ISO 8601", en: "an ISO 8601 date and time" },
  regex: { vi: "đúng mẫu quy định", en: "in the required pattern" },
};

const TYPES: Record<string, { vi: string; en: string }> = {
  string: { vi: "văn bản", en: "text" },
  number: { vi: "một số", en: "a number" },
  int: { vi: "một số nguyên", en: "a whole number" },
  boolean: { vi: "đúng/sai", en: "true or false" },
  array: { vi: "một danh sách", en: "a list" },
  object: { vi: "một đối tượng", en: "an object" },
};

function quantity(origin: string | undefined, n: number, locale: Locale): string {
  if (origin === "string") return locale === "vi" ? `${n} ký tự` : `${n} character${n === 1 ? "" : "s"}`;
  if (origin === "array" || origin === "set")
    return locale === "vi" ? `${n} mục` : `${n} item${n === 1 ? "" : "s"}`;
  if (origin === "file") return locale === "vi" ? `${n} byte` : `${n} bytes`;
  return String(n);
}

export function validationDetail(issue: SchemaIssue | undefined, fallback: string, locale: Locale): string {
  if (!issue?.code) return fallback;
  const vi = locale === "vi";
  switch (issue.code) {
    case "invalid_type": {
      // Zod reports the input only when asked; its message still says what was received.
      const missing =
        "input" in issue ? issue.input === undefined : /received undefined/.test(issue.message ?? "");
      if (missing) return vi ? "bắt buộc phải có" : "is required";
      const type = TYPES[issue.expected ?? ""];
      if (!type) return fallback;
      return vi ? `phải là ${type.vi}` : `must be ${type.en}`;
    }
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string" && n === 1) return vi ? "không được để trống" : "must not be empty";
      if (issue.origin === "array" && n === 1) return vi ? "cần ít nhất một mục" : "needs at least one item";
      if (issue.origin === "number" || issue.origin === "bigint" || issue.origin === "date") {
        const strict = issue.inclusive === false;
        return vi
          ? `phải ${strict ? "lớn hơn" : "từ"} ${n}${strict ? "" : " trở lên"}`
          : `must be ${strict ? "greater than" : "at least"} ${n}`;
      }
      return vi
        ? `cần ít nhất ${quantity(issue.origin, n, locale)}`
        : `needs at least ${quantity(issue.origin, n, locale)}`;
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "number" || issue.origin === "bigint" || issue.origin === "date") {
        const strict = issue.inclusive === false;
        return vi
          ? `phải ${strict ? "nhỏ hơn" : "không quá"} ${n}`
          : `must be ${strict ? "less than" : "at most"} ${n}`;
      }
      return vi
        ? `không được quá ${quantity(issue.origin, n, locale)}`
        : `must have at most ${quantity(issue.origin, n, locale)}`;
    }
    case "invalid_format": {
      const format = FORMATS[issue.format ?? ""];
      if (!format) return vi ? "không đúng định dạng" : "is not in the expected format";
      return vi ? `phải là ${format.vi}` : `must be ${format.en}`;
    }
    case "invalid_value": {
      const values = (issue.values ?? []).map((v) => String(v));
      if (values.length === 0 || values.length > 12)
        return vi ? "không phải giá trị được phép" : "is not an allowed value";
      return vi ? `phải là một trong: ${values.join(", ")}` : `must be one of: ${values.join(", ")}`;
    }
    case "not_multiple_of":
      return vi ? "phải là số nguyên" : "must be a whole number";
    default:
      return fallback;
  }
}
