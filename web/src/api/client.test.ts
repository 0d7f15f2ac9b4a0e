// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  api,
  buildUrl,
  configureApiClient,
  errorFromBody,
  filenameFromDisposition,
  isConflict,
  readCookie,
} from "./client.ts";

const fallback = { network: () => "offline", unexpected: (s: number) => `odd ${s}` };

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("dt_csrf", "a=1; dt_csrf=abc%3D%3D; b=2")).toBe("abc==");
    expect(readCookie("dt_csrf", "dt_csrf_old=x")).toBeNull();
    expect(readCookie("x", "")).toBeNull();
  });
});

describe("errorFromBody", () => {
  it("keeps the server's code, message and field", () => {
    const e = errorFromBody(
      400,
      { error: { code: "validation", message: "Trường “name” không hợp lệ", field: "name" } },
      fallback,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe("validation");
    expect(e.message).toBe("Trường “name” không hợp lệ");
    expect(e.field).toBe("name");
  });

  it("survives a body that is not the error shape", () => {
    expect(errorFromBody(502, "<html>Bad gateway</html>", fallback).message).toBe("odd 502");
    expect(errorFromBody(500, { error: "boom" }, fallback).code).toBe("http_500");
    expect(errorFromBody(500, null, fallback).code).toBe("http_500");
  });
});

describe("buildUrl", () => {
  it("drops empty values and encodes the rest", () => {
    expect(buildUrl("/api/units", { q: "sở nội vụ", type: undefined, limit: 20, parentId: "" })).toBe(
      "/api/units?q=s%E1%BB%9F+n%E1%BB%99i+v%E1%BB%A5&limit=20",
    );
    expect(buildUrl("/api/units")).toBe("/api/units");
  });
});

describe("api", () => {
  const fetchMock = vi.fn();
  const onSessionEnd = vi.fn();

  beforeEach(() => {
    vi.stubGlobal("fetch", fetchMock);
    configureApiClient({ getLanguage: () => "en", onSessionEnd, getCookies: () => "dt_csrf=tok123" });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    onSessionEnd.mockReset();
  });

  function respond(status: number, body?: unknown) {
    fetchMock.mockResolvedValueOnce(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      }),
    );
  }

  it("sends the language on GET without a CSRF token", async () => {
    respond(200, { ok: true });
    await expect(api("/api/health")).resolves.toEqual({ ok: true });
    const [, init] = fetchMock.mock.calls[0];
    const headers = init.headers as Headers;
    expect(headers.get("Accept-Language")).toBe("en");
    expect(headers.get("x-csrf-token")).toBeNull();
    expect(init.method).toBe("GET");
  });

  it("sends JSON and the CSRF token on writes", async () => {
    respond(200, { id: "1" });
    await api("/api/units", { body: { name: "Sở Y tế" } });
    const [, init] = fetchMock.mock.calls[0];
    const headers = init.headers as Headers;
    expect(init.method).toBe("POST");
    expect(headers.get("x-csrf-token")).toBe("tok123");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(init.body).toBe(JSON.stringify({ name: "Sở Y tế" }));
  });

  it("lets the browser set the multipart boundary for uploads", async () => {
    respond(200, { dryRun: true });
    const form = new FormData();
    form.set("file", new Blob(["a,b"]), "units.csv");
    await api("/api/units/import", { method: "POST", body: form });
    const headers = fetchMock.mock.calls[0][1].headers as Headers;
    expect(headers.get("Content-Type")).toBeNull();
  });

  it("returns undefined for 204", async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(api("/api/auth/logout", { method: "POST" })).resolves.toBeUndefined();
  });

  it("throws ApiError with the server's message, and spots conflicts", async () => {
    respond(409, { error: { code: "conflict", message: "Someone else changed this" } });
    const error = (await api("/api/units/1", { method: "PATCH", body: { version: 1 } }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("Someone else changed this");
    expect(isConflict(error)).toBe(true);
    expect(onSessionEnd).not.toHaveBeenCalled();
  });

  it("reports an ended session, unless the caller expects 401", async () => {
    respond(401, { error: { code: "session_expired", message: "expired" } });
    await expect(api("/api/home")).rejects.toThrow("expired");
    expect(onSessionEnd).toHaveBeenCalledWith({ code: "session_expired", message: "expired" });

    respond(401, { error: { code: "unauthenticated", message: "sign in" } });
    await expect(api("/api/me", { handleSessionEnd: false })).rejects.toThrow("sign in");
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
  });

  it("does not treat wrong credentials as an ended session", async () => {
    respond(401, { error: { code: "invalid_credentials", message: "Wrong username or password." } });
    await expect(api("/api/auth/login", { body: {} })).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(onSessionEnd).not.toHaveBeenCalled();
  });

  it("turns a network failure into a readable ApiError", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    configureApiClient({ fallback });
    await expect(api("/api/home")).rejects.toMatchObject({ status: 0, code: "network", message: "offline" });
  });
});

describe("filenameFromDisposition", () => {
  it("prefers the UTF-8 name and falls back to the plain one", () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="danh-ba.csv"; filename*=UTF-8''danh-b%E1%BA%A1-%C4%91%C6%A1n-v%E1%BB%8B.csv`,
        "x",
      ),
    ).toBe("danh-bạ-đơn-vị.csv");
    expect(filenameFromDisposition(`attachment; filename="units.xlsx"`, "x")).toBe("units.xlsx");
    expect(filenameFromDisposition("attachment; filename=units.csv", "x")).toBe("units.csv");
    expect(filenameFromDisposition(null, "fallback.csv")).toBe("fallback.csv");
  });
});
