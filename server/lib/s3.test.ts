import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createS3Storage, encodeSegment, S3Error, type S3Settings, signRequest } from "./s3.ts";
import { storageFromEnvironment } from "./storage.ts";
import { describeStorageContract } from "./storage-contract.ts";

describe("SigV4 signing", () => {
  // The "GET Object" example of the AWS documentation "Signature Calculations for the
  // Authorization Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)".
  it("reproduces the signature AWS publishes for its GET Object example", async () => {
    const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const { signature, authorization } = await signRequest({
      method: "GET",
      path: "/test.txt",
      headers: {
        Host: "examplebucket.s3.amazonaws.com",
        Range: "bytes=0-9",
        "x-amz-content-sha256": emptyHash,
        "x-amz-date": "20130524T000000Z",
      },
      payloadHash: emptyHash,
      region: "us-east-1",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      amzDate: "20130524T000000Z",
    });
    expect(signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("changes the signature with the secret, the path and the payload", async () => {
    const base = {
      method: "PUT",
      path: "/b/k",
      headers: { host: "h", "x-amz-date": "20130524T000000Z", "x-amz-content-sha256": "x" },
      payloadHash: "x",
      region: "us-east-1",
      accessKeyId: "A",
      secretAccessKey: "S",
      amzDate: "20130524T000000Z",
    };
    const reference = (await signRequest(base)).signature;
    expect(reference).toMatch(/^[0-9a-f]{64}$/);
    expect((await signRequest(base)).signature).toBe(reference);
    expect((await signRequest({ ...base, secretAccessKey: "T" })).signature).not.toBe(reference);
    expect((await signRequest({ ...base, path: "/b/l" })).signature).not.toBe(reference);
    expect((await signRequest({ ...base, payloadHash: "y" })).signature).not.toBe(reference);
  });

  it("encodes key segments as SigV4 requires", () => {
    expect(encodeSegment("a b+c(1)*!'~._-")).toBe("a%20b%2Bc%281%29%2A%21%27~._-");
  });
});

describe("the requests the storage sends", () => {
  // A plain HTTP server that records one request: what was signed is what was sent.
  it("signs the path, the content type and the payload's hash that go over the wire", async () => {
    let seen: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer } | undefined;
    const recorder = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        res.end();
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = recorder.address() as AddressInfo;
      const storage = createS3Storage({
        endpoint: `http://127.0.0.1:${port}`,
        region: "ap-southeast-1",
        bucket: "b",
        accessKeyId: "AK",
        secretAccessKey: "SK",
        prefix: "tinh",
      });
      const body = Buffer.from("minh chứng");
      await storage.putObject("evidence/t1/bao-cao_1.pdf", body, "application/pdf");
      expect(seen?.method).toBe("PUT");
      expect(seen?.url).toBe("/b/tinh/evidence/t1/bao-cao_1.pdf");
      expect(seen?.body.equals(body)).toBe(true);
      const headers = seen!.headers;
      expect(headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(body).digest("hex"));
      const authorization = String(headers.authorization);
      expect(authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AK\/\d{8}\/ap-southeast-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
      );
      const again = await signRequest({
        method: "PUT",
        path: seen!.url,
        headers: {
          host: String(headers.host),
          "content-type": String(headers["content-type"]),
          "x-amz-content-sha256": String(headers["x-amz-content-sha256"]),
          "x-amz-date": String(headers["x-amz-date"]),
        },
        payloadHash: String(headers["x-amz-content-sha256"]),
        region: "ap-southeast-1",
        accessKeyId: "AK",
        secretAccessKey: "SK",
        amzDate: String(headers["x-amz-date"]),
      });
      expect(again.authorization).toBe(authorization);
    } finally {
      await new Promise((resolve) => recorder.close(resolve));
    }
  });
});

describe("S3 settings", () => {
  const complete = {
    UPLOAD_STORAGE: "s3",
    S3_ENDPOINT: "http://127.0.0.1:9000",
    S3_BUCKET: "uploads",
    S3_ACCESS_KEY_ID: "key",
    S3_SECRET_ACCESS_KEY: "secret",
  };

  it("chooses the S3 kind from UPLOAD_STORAGE=s3", () => {
    expect(storageFromEnvironment("/tmp/data", complete).kind).toBe("s3");
  });

  it("fails at start naming each missing setting", () => {
    for (const name of ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]) {
      const env = { ...complete, [name]: " " };
      expect(() => storageFromEnvironment("/tmp/data", env), name).toThrow(new RegExp(`needs ${name}`));
    }
  });

  it("refuses an endpoint that is not an http(s) URL and a bad prefix", () => {
    expect(() => storageFromEnvironment("", { ...complete, S3_ENDPOINT: "minio:9000" })).toThrow(
      /S3_ENDPOINT/,
    );
    expect(() => storageFromEnvironment("", { ...complete, S3_ENDPOINT: "not a url" })).toThrow(
      /S3_ENDPOINT/,
    );
    expect(() => storageFromEnvironment("", { ...complete, S3_PREFIX: "a/../b" })).toThrow(/storage key/);
  });
});

// A real S3-protocol server in the test: s3rver stores buckets in a temporary folder. It checks
// that the access key exists (InvalidAccessKeyId otherwise), but it does not verify SigV4
// signatures ("Signature version 4 calculation is unimplemented" in its source), so a wrong
// secret cannot be detected here: the signature itself is proven by the AWS example above.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;

const directory = mkdtempSync(join(tmpdir(), "dongthuan-s3-"));
let server: S3rverServer;
let settings: S3Settings;

beforeAll(async () => {
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: "dongthuan" }],
  });
  const { port } = await server.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    bucket: "dongthuan",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  };
});
afterAll(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

describeStorageContract("s3", () => createS3Storage(settings));
describeStorageContract("s3 with a prefix", () => createS3Storage({ ...settings, prefix: "/tinh/uploads/" }));

describe("S3 storage against a real S3 server", () => {
  it("puts objects under the prefix, with the key segments in the path", async () => {
    const storage = createS3Storage({ ...settings, prefix: "tinh" });
    await storage.putObject("evidence/t1/a.pdf", Buffer.from("x"), "application/pdf");
    const plain = createS3Storage(settings);
    expect((await plain.getObject("tinh/evidence/t1/a.pdf"))?.body.toString()).toBe("x");
    expect(await plain.getObject("evidence/t1/a.pdf")).toBeNull();
    await storage.deleteObject("evidence/t1/a.pdf");
    expect(await plain.getObject("tinh/evidence/t1/a.pdf")).toBeNull();
  });

  it("surfaces the S3 error code and message, never the credentials", async () => {
    const storage = createS3Storage({
      ...settings,
      accessKeyId: "NOSUCHKEY",
      secretAccessKey: "very-secret-value",
    });
    const error = await storage.putObject("a", Buffer.from("x"), "text/plain").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).code).toBe("InvalidAccessKeyId");
    expect((error as S3Error).status).toBe(403);
    expect((error as Error).message).toMatch(
      /403 InvalidAccessKeyId: The AWS Access Key Id you provided does not exist/,
    );
    expect((error as Error).message).not.toContain("very-secret-value");
  });

  it("reports a missing bucket as an error rather than as a missing object", async () => {
    const storage = createS3Storage({ ...settings, bucket: "no-such-bucket" });
    await expect(storage.getObject("a")).rejects.toThrow(/NoSuchBucket/);
    await expect(storage.putObject("a", Buffer.from("x"), "text/plain")).rejects.toThrow(/NoSuchBucket/);
  });

  it("refuses a bad key before sending any request", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      const storage = createS3Storage(settings);
      await expect(storage.putObject("../x", Buffer.from("x"), "text/plain")).rejects.toThrow(/storage key/);
      await expect(storage.getObject("a//b")).rejects.toThrow(/storage key/);
      await expect(storage.deleteObject(".hidden")).rejects.toThrow(/storage key/);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("names the server and the cause when it cannot be reached, and gives up after the timeout", async () => {
    const closed = createS3Storage({ ...settings, endpoint: "http://127.0.0.1:9" });
    await expect(closed.getObject("a")).rejects.toThrow(/S3 GET a at http:\/\/127\.0\.0\.1:9 failed/);
    const slow = createS3Storage({ ...settings, timeoutMs: 1 });
    await expect(slow.putObject("a", Buffer.alloc(1 << 20), "application/octet-stream")).rejects.toThrow(
      /no answer within 1 ms/,
    );
  });
});
