import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config.ts";
import { parseContactConfirmation } from "../../config-sections.ts";
import { intakeSettings } from "./deps.ts";
import { maskPhone, smsSender } from "./sms.ts";

const quiet = { info() {} };

describe("contact confirmation settings", () => {
  it("is off unless the province turns it on, and refuses nonsense", () => {
    expect(parseContactConfirmation({}).required).toBe(false);
    expect(parseContactConfirmation({ CONTACT_CONFIRMATION: "on" })).toMatchObject({
      required: true,
      ttlMinutes: 10,
      attempts: 5,
    });
    expect(() => parseContactConfirmation({ CONTACT_CONFIRMATION: "maybe" })).toThrow(/on" or "off/);
    expect(() => parseContactConfirmation({ CONTACT_CODE_MINUTES: "0" })).toThrow(/CONTACT_CODE_MINUTES/);
    // The intake takes them as the server's configuration read them, once.
    const settings = intakeSettings(
      loadConfig({
        CONTACT_CONFIRMATION: "on",
        CONTACT_CODE_MINUTES: "7",
        SMS_GATEWAY_URL: "https://sms.example.vn/send",
      }),
    );
    expect(settings.confirmation).toMatchObject({ required: true, ttlMinutes: 7 });
    expect(settings.sms.gatewayUrl).toBe("https://sms.example.vn/send");
  });

  it("will not start in production with codes only written to the log", () => {
    const production = { NODE_ENV: "production", CONTACT_CONFIRMATION: "on" };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/SMS_GATEWAY_URL/);
    expect(smsSender(loadConfig({ NODE_ENV: "production" }).sms, quiet).kind).toBe("log");
    expect(smsSender(loadConfig({ CONTACT_CONFIRMATION: "on" }).sms, quiet).kind).toBe("log");
    expect(
      smsSender(loadConfig({ ...production, SMS_GATEWAY_URL: "https://sms.example.vn/send" }).sms, quiet)
        .kind,
    ).toBe("http");
    expect(() => loadConfig({ SMS_GATEWAY_URL: "ftp://x" })).toThrow(/SMS_GATEWAY_URL must start with http/);
    expect(maskPhone("+84912345678")).toBe("+8491*****78");
  });
});
