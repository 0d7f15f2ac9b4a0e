import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

it("reads the modules' settings once, with their defaults", () => {
  const config = loadConfig({}, { dataDir: "/srv/dongthuan" });
  expect(config.storage).toEqual({ kind: "folder", dir: "/srv/dongthuan/uploads", s3: null });
  expect(config.petitions).toMatchObject({ rateLimitIp: 20, answerWorkingDays: 15, warningDays: [3, 1] });
  expect(config.civic).toEqual({ rateLimitIp: 20, rateLimitContact: 5 });
  expect(config.contactConfirmation).toMatchObject({ required: false, ttlMinutes: 10 });
  expect(config.sms).toEqual({ gatewayUrl: null, gatewayToken: null });
  expect(config.commitmentNoticeDays).toBe(7);
  expect(config.tenantName).toBeNull();
});

it("takes each setting from its variable", () => {
  const config = loadConfig({
    UPLOAD_STORAGE: "s3",
    S3_ENDPOINT: "http://127.0.0.1:9000",
    S3_BUCKET: "b",
    S3_ACCESS_KEY_ID: "k",
    S3_SECRET_ACCESS_KEY: "s",
    PETITION_WARNING_DAYS: "1,5,1",
    CIVIC_RATE_LIMIT_PHONE: "9",
    COMMITMENT_NOTICE_DAYS: "0",
    SMTP_HOST: "mail.example.vn",
    SMTP_TLS_REJECT_UNAUTHORIZED: "FALSE",
    TENANT_NAME: "Tỉnh An Giang",
  });
  expect(config.storage.s3).toMatchObject({
    endpoint: "http://127.0.0.1:9000",
    bucket: "b",
    region: "us-east-1",
  });
  expect(config.petitions.warningDays).toEqual([5, 1]);
  expect(config.civic.rateLimitContact).toBe(9);
  expect(config.commitmentNoticeDays).toBe(0);
  expect(config.smtp?.tlsRejectUnauthorized).toBe(false);
  expect(config.tenantName).toBe("Tỉnh An Giang");
});

it.each([
  [{ UPLOAD_STORAGE: "s4" }, /UPLOAD_STORAGE must be "folder", "s3" or "memory"/],
  [{ UPLOAD_STORAGE: "s3" }, /UPLOAD_STORAGE=s3 needs S3_ENDPOINT/],
  [{ PETITION_RATE_LIMIT_IP: "0" }, /PETITION_RATE_LIMIT_IP must be a whole number from 1/],
  [{ PETITION_WARNING_DAYS: "3,x" }, /PETITION_WARNING_DAYS/],
  [{ CIVIC_RATE_LIMIT_IP: "2.5" }, /CIVIC_RATE_LIMIT_IP/],
  [{ CONTACT_CONFIRMATION: "maybe" }, /CONTACT_CONFIRMATION must be "on" or "off"/],
  [{ COMMITMENT_NOTICE_DAYS: "91" }, /COMMITMENT_NOTICE_DAYS/],
  [{ SMS_GATEWAY_URL: "ftp://x" }, /SMS_GATEWAY_URL must start with http/],
])("refuses %j at start, naming the variable", (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

it("no module reads the environment: every setting comes through the configuration", () => {
  const modules = join(process.cwd(), "server/modules");
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        if (/\bprocess\.env\b/.test(readFileSync(path, "utf8")))
          offenders.push(path.slice(process.cwd().length + 1));
      }
    }
  };
  walk(modules);
  expect(offenders).toEqual([]);
});
