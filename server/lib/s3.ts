import { createHash } from "node:crypto";
import { AwsV4Signer } from "aws4fetch";
import { checkKey, type ObjectStorage } from "./storage.ts";

/**
 * A small client for S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Garage and the
 * object stores of cloud providers): PUT, GET and DELETE of single objects and the listing of
 * their keys (ListObjectsV2, for backups), signed with AWS
 * Signature Version 4 by aws4fetch, over Node's fetch. Path-style URLs (`<endpoint>/<bucket>/<key>`) are used
 * because every S3-compatible server understands them, whatever its DNS set-up.
 */
export interface S3Settings {
  /** Base URL of the service, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://minio:9000`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Optional folder-like prefix inside the bucket, e.g. `dongthuan/uploads`. */
  prefix?: string;
  /** How long one request may take, in milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** An error the S3 service answered with: its HTTP status, S3 error code and message. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** URI-encodes one path segment as SigV4 requires: everything but A-Z a-z 0-9 - . _ ~ */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface SigningInput {
  method: string;
  /** The canonical (already encoded) path, e.g. `/bucket/a/b.pdf`. */
  path: string;
  /** The canonical query string (names sorted, names and values encoded), or none. */
  query?: string;
  /** Header names and values to sign; must include `host`, `x-amz-date` and `x-amz-content-sha256`. */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ` */
  amzDate: string;
  service?: string;
}

/**
 * A request signed with aws4fetch's SigV4 signer. Every header given is signed (aws4fetch leaves
 * out some, such as Range and Content-Type, unless asked); the payload is signed by its hash in
 * `x-amz-content-sha256`, never sent as UNSIGNED-PAYLOAD.
 */
async function sign(options: {
  method: string;
  url: string;
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  service?: string;
  datetime?: string;
  cache?: Map<string, ArrayBuffer>;
}): Promise<{ url: URL; headers: Headers }> {
  const headers = Object.fromEntries(
    Object.entries(options.headers).filter(([name]) => name.toLowerCase() !== "host"),
  );
  headers["x-amz-content-sha256"] = options.payloadHash;
  const signer = new AwsV4Signer({
    method: options.method,
    url: options.url,
    headers,
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: options.service ?? "s3",
    datetime: options.datetime,
    cache: options.cache,
    allHeaders: true,
  });
  const signed = await signer.sign();
  return { url: signed.url, headers: signed.headers };
}

/** The SigV4 `Authorization` header value (and the signature alone, for tests). */
export async function signRequest(
  input: SigningInput,
): Promise<{ authorization: string; signature: string }> {
  const host = Object.entries(input.headers).find(([name]) => name.toLowerCase() === "host")?.[1];
  if (!host) throw new Error("signRequest needs a host header");
  const dated = Object.fromEntries(
    Object.entries(input.headers).filter(([name]) => name.toLowerCase() !== "x-amz-date"),
  );
  const { headers } = await sign({
    ...input,
    url: `https://${host.trim()}${input.path}${input.query ? `?${input.query}` : ""}`,
    headers: dated,
    datetime: input.amzDate,
  });
  const authorization = headers.get("authorization") ?? "";
  return { authorization, signature: authorization.slice(authorization.lastIndexOf("=") + 1) };
}

const xmlTag = (xml: string, tag: string) => {
  const found = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return found ? found[1].trim() : "";
};

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) =>
    name === "lt" ? "<" : name === "gt" ? ">" : name === "quot" ? '"' : name === "apos" ? "'" : "&",
  );

export function createS3Storage(settings: S3Settings): ObjectStorage {
  let endpoint: URL;
  try {
    endpoint = new URL(settings.endpoint);
  } catch {
    throw new Error(`S3_ENDPOINT is not a URL: ${JSON.stringify(settings.endpoint)}`);
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw new Error(
      `S3_ENDPOINT must start with http:// or https:// (got ${JSON.stringify(settings.endpoint)})`,
    );
  }
  const prefix = settings.prefix?.replace(/^\/+|\/+$/g, "") || "";
  if (prefix) checkKey(prefix);
  const basePath = endpoint.pathname.replace(/\/+$/, "");
  const timeoutMs = settings.timeoutMs ?? 30_000;
  // aws4fetch keeps the day's signing key here, derived once a day rather than for each request
  const signingKeys = new Map<string, ArrayBuffer>();

  const request = (method: "PUT" | "GET" | "DELETE", key: string, body?: Buffer, contentType?: string) => {
    const fullKey = prefix ? `${prefix}/${checkKey(key)}` : checkKey(key);
    const path = `${basePath}/${encodeSegment(settings.bucket)}/${fullKey.split("/").map(encodeSegment).join("/")}`;
    return send(method, path, "", fullKey, body, contentType);
  };

  const send = async (
    method: "PUT" | "GET" | "DELETE",
    path: string,
    query: string,
    fullKey: string,
    body?: Buffer,
    contentType?: string,
  ): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers["content-type"] = contentType;
    const signed = await sign({
      method,
      url: `${endpoint.origin}${path}${query ? `?${query}` : ""}`,
      headers,
      payloadHash: sha256Hex(body ?? ""),
      region: settings.region,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      cache: signingKeys,
    });
    try {
      return await fetch(signed.url, {
        method,
        headers: signed.headers,
        body: body ? new Uint8Array(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      throw new Error(`S3 ${method} ${fullKey} at ${endpoint.origin} failed: ${reason}`);
    }
  };

  const failure = async (method: string, key: string, response: Response): Promise<S3Error> => {
    const text = await response.text().catch(() => "");
    const code = xmlTag(text, "Code") || `HTTP${response.status}`;
    const message = xmlTag(text, "Message") || response.statusText;
    return new S3Error(
      response.status,
      code,
      `S3 ${method} ${key} failed: ${response.status} ${code}: ${message}`,
    );
  };

  return {
    kind: "s3",
    async putObject(key, body, contentType) {
      const response = await request("PUT", key, body, contentType);
      if (!response.ok) throw await failure("PUT", key, response);
      await response.arrayBuffer();
    },
    async getObject(key) {
      const response = await request("GET", key);
      if (response.status === 404) {
        const error = await failure("GET", key, response);
        if (error.code === "NoSuchKey" || error.code === "HTTP404") return null;
        throw error;
      }
      if (!response.ok) throw await failure("GET", key, response);
      const body = Buffer.from(await response.arrayBuffer());
      return { body, contentType: response.headers.get("content-type") ?? "application/octet-stream" };
    },
    async deleteObject(key) {
      const response = await request("DELETE", key);
      if (response.status === 404) {
        const error = await failure("DELETE", key, response);
        if (error.code === "NoSuchKey" || error.code === "HTTP404") return;
        throw error;
      }
      if (!response.ok) throw await failure("DELETE", key, response);
      await response.arrayBuffer();
    },
    // ListObjectsV2 under the prefix, a thousand keys a page.
    async listKeys() {
      const keys: string[] = [];
      const path = `${basePath}/${encodeSegment(settings.bucket)}`;
      let token = "";
      do {
        const params: [string, string][] = [["list-type", "2"]];
        if (token) params.push(["continuation-token", token]);
        if (prefix) params.push(["prefix", `${prefix}/`]);
        const query = params
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`)
          .join("&");
        const response = await send("GET", path, query, prefix ? `${prefix}/` : "(bucket)");
        if (!response.ok) throw await failure("LIST", prefix ? `${prefix}/` : "(bucket)", response);
        const xml = await response.text();
        for (const [, content] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
          const full = unescapeXml(xmlTag(content, "Key"));
          const key = prefix ? full.slice(prefix.length + 1) : full;
          if (key) keys.push(key);
        }
        token =
          xmlTag(xml, "IsTruncated") === "true" ? unescapeXml(xmlTag(xml, "NextContinuationToken")) : "";
      } while (token);
      return keys.sort();
    },
  };
}
