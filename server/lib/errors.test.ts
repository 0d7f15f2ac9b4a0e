import { describe, expect, it } from "vitest";
import { AppError, both, notFound, renderMessage } from "./errors.ts";

describe("error messages in the request's language", () => {
  it("fills a parameter given in both languages with the one asked for", () => {
    const params = { field: "file", detail: both("thiếu tệp", "no file") };
    expect(renderMessage("validation", params, "vi")).toBe("Trường “file” không hợp lệ: thiếu tệp");
    expect(renderMessage("validation", params, "en")).toBe("Field “file” is not valid: no file");
  });

  it("keeps a plain string and a number the same in both languages", () => {
    const params = { current: 3, yours: 2 };
    expect(renderMessage("conflict", params, "vi")).toContain("phiên bản 3, bạn sửa phiên bản 2");
    expect(renderMessage("conflict", params, "en")).toContain("version 3; you edited version 2");
    expect(renderMessage("invalid_json", { detail: "Unexpected token" }, "vi")).toBe(
      "Nội dung gửi lên không phải JSON hợp lệ: Unexpected token",
    );
  });

  it("names what was not found in one language, starting the sentence with a capital", () => {
    const error = notFound(both("đơn vị", "unit"));
    expect(error.status).toBe(404);
    expect(renderMessage(error.code, error.params, "vi")).toBe("Không tìm thấy đơn vị.");
    expect(renderMessage(error.code, error.params, "en")).toBe("Unit not found.");
    const item = notFound(both("mục II.3", "item II.3"));
    expect(renderMessage(item.code, item.params, "en")).toBe("Item II.3 not found.");
  });

  it("capitalises a sentence that opens with words in either language, and nothing else", () => {
    const duplicate = { what: both("nhóm đơn vị", "unit group") };
    expect(renderMessage("duplicate", duplicate, "vi")).toBe("Nhóm đơn vị đã tồn tại.");
    expect(renderMessage("duplicate", duplicate, "en")).toBe("Unit group already exists.");
    // The importer's own sentence is the whole message.
    const refusal = { detail: both("tệp trống", "the file is empty") };
    expect(renderMessage("plan_import", refusal, "en")).toBe("The file is empty");
    // A parameter inside the sentence keeps its case.
    expect(renderMessage("in_use", { detail: both("3 kế hoạch", "3 plans") }, "en")).toBe(
      "The unit is in use (3 plans) and cannot be deleted. Set an end date instead.",
    );
  });

  it("gives the error itself the English message, for logs and the command line", () => {
    const error = new AppError(400, "import_invalid", { detail: both("tệp trống", "the file has no rows") });
    expect(error.message).toBe("The import file is not valid: the file has no rows");
    // An identifier is not a word of either language: it keeps its case.
    expect(notFound("service_request_id").message).toBe("service_request_id not found.");
  });

  it("leaves a missing parameter empty and an unknown code as its code", () => {
    expect(renderMessage("validation", { field: "x" }, "en")).toBe("Field “x” is not valid: ");
    expect(renderMessage("no_such_code", {}, "vi")).toBe("no_such_code");
  });
});
