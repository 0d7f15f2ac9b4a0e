import { createHash } from "node:crypto";
import { and, desc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { CATEGORY_CODES, PETITION_CATEGORIES } from "../../../common/schemas/petitions.ts";
import { clock } from "../../lib/clock.ts";
import { AppError, type Localized, renderMessage } from "../../lib/errors.ts";
import { loggableError } from "../../lib/log-policy.ts";
import { maskPersonalData } from "../intake/public.ts";
import type { PetitionRow } from "./access.ts";
import { petitionDeps } from "./deps.ts";
import { allUnits, communesToday, findCommuneInAddress, matchCommune } from "./directory.ts";
import { checkIdempotencyKey } from "./intake.ts";
import { receivePublic } from "./public-routes.ts";
import { petitionClocks, petitions } from "./tables.ts";

/**
 * An Open311 GeoReport v2 facade over the same petitions (http://wiki.open311.org/GeoReport_v2):
 * categories are its services, the petition's id (a uuid) is its service_request_id. Never the
 * tracking code: that is the citizen's own, with their phone or e-mail the key to following and
 * rating the case on the portal, and no Open311 answer shows it. Only phản ánh and
 * kiến nghị are listed: complaints and denunciations are no public matter (a denouncer's
 * identity is protected by Luật Tố cáo 2018, Điều 47). Text is masked as on the status page.
 * JSON only; `api_key` is accepted and not required in the demo.
 */
const PUBLIC_KINDS = ["phan-anh", "kien-nghi"];

const STATUS_NOTES: Record<string, string> = {
  received: "Đã tiếp nhận",
  assigned: "Đã chuyển đơn vị có thẩm quyền xử lý",
  accepted: "Đã thụ lý",
  answered: "Đã có văn bản trả lời",
  closed_resolved: "Đã giải quyết xong",
  closed_unresolved: "Đã đóng, chưa giải quyết được",
  refused: "Không thụ lý",
  merged: "Đã gộp với phản ánh trùng nội dung",
};
const CLOSED = ["closed_resolved", "closed_unresolved", "refused", "merged"];
const GROUP: Localized = { vi: "Phản ánh, kiến nghị", en: "Petitions" };
const NOTICE: Localized = {
  vi: "Đã tiếp nhận. Theo dõi tình trạng công khai bằng số hiệu này; thư trả lời gửi tới thư điện tử của ông/bà kèm mã tra cứu riêng.",
  en: "Received. Follow its public status with this number; an answer e-mailed to you carries your own tracking code.",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isPublicId = (value: string) => UUID.test(value);

/**
 * The public id an Open311 client is given for what it posted: the new petition's id. Where
 * nothing was stored (the honeypot was filled) it is an id like any other, the same for a retry
 * with the same Idempotency-Key, and it finds nothing.
 */
function publicIdOf(outcome: { id: string | null; trackingCode: string }): string {
  if (outcome.id) return outcome.id;
  const hex = createHash("sha256").update(`open311:${outcome.trackingCode}`).digest("hex");
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A latitude or longitude in degrees, as a number or as text (a form field); not `true`, `null`
 * or `[1]`, which `z.coerce.number()` took, nor a number past the poles or the date line.
 */
const coordinate = (limit: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .pipe(z.number().min(-limit).max(limit));

const PostRequest = z.object({
  service_code: z.string().min(1),
  description: z.string().trim().min(20).max(10_000),
  address_string: z.string().trim().max(500).optional(),
  address_id: z.string().trim().max(100).optional(),
  lat: coordinate(90).optional(),
  long: coordinate(180).optional(),
  email: z.string().trim().optional(),
  phone: z.string().trim().optional(),
  first_name: z.string().trim().max(100).optional(),
  last_name: z.string().trim().max(100).optional(),
  device_id: z.string().optional(),
  account_id: z.string().optional(),
  media_url: z.string().optional(),
  api_key: z.string().optional(),
  jurisdiction_id: z.string().optional(),
});

const ListQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(["open", "closed"]).optional(),
  jurisdiction_id: z.string().optional(),
});

const categoryName = (code: string | null) => PETITION_CATEGORIES.find((c) => c.code === code)?.vi ?? null;

export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const deps = petitionDeps(app.ctx);
  const tenantId = deps.tenant.id;
  const db = () => deps.database.db;

  // GeoReport clients post forms; this parser is scoped to this plugin.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  // GeoReport errors are a list of {code, description}.
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    let error: AppError;
    if (raw instanceof AppError) error = raw;
    else if (hasZodFastifySchemaValidationErrors(raw)) {
      const first = raw.validation[0];
      const field = first.instancePath.replace(/^\//, "") || "body";
      error = new AppError(400, "validation", { field, detail: first.message ?? "" }, field);
    } else if (raw.statusCode === 429) error = new AppError(429, "rate_limited", { retry: "60 s" });
    else if (raw.statusCode && raw.statusCode < 500) error = new AppError(raw.statusCode, "bad_request");
    else {
      request.log.error({ err: loggableError(raw), url: request.routeOptions?.url }, "open311 failed");
      error = new AppError(500, "internal", { ref: "open311" });
    }
    return reply
      .status(error.status)
      .send([
        { code: error.status, description: renderMessage(error.code, error.params, request.locale ?? "vi") },
      ]);
  });

  async function toRequests(rows: PetitionRow[]) {
    const units = await allUnits(db(), tenantId);
    const ids = rows.map((row) => row.id);
    const clocks = ids.length
      ? await db()
          .select({ petitionId: petitionClocks.petitionId, dueDate: petitionClocks.dueDate })
          .from(petitionClocks)
          .where(
            and(
              inArray(petitionClocks.petitionId, ids),
              eq(petitionClocks.status, "running"),
              sql`${petitionClocks.purpose} IN ('answer', 'resolve')`,
            ),
          )
      : [];
    return rows.map((row) => {
      const due = clocks.find((clock) => clock.petitionId === row.id)?.dueDate;
      return {
        service_request_id: row.id,
        status: CLOSED.includes(row.status) ? "closed" : "open",
        status_notes: STATUS_NOTES[row.status] ?? row.status,
        service_name: categoryName(row.category),
        service_code: row.category,
        description: maskPersonalData(row.text, { knownNames: [row.contactName] }),
        agency_responsible: row.assignedUnitId ? (units.get(row.assignedUnitId)?.name ?? null) : null,
        service_notice: null,
        requested_datetime: row.receivedAt.toISOString(),
        updated_datetime: row.updatedAt.toISOString(),
        expected_datetime: due ? `${due}T17:00:00+07:00` : null,
        address: row.communeId ? (units.get(row.communeId)?.name ?? null) : null,
        address_id: row.communeId,
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      };
    });
  }

  // Names in the request's language (Accept-Language; Vietnamese when it asks for none).
  app.get("/open311/v2/services.json", { schema: { tags: ["open311"], security: [] } }, async (request) =>
    PETITION_CATEGORIES.map((category) => ({
      service_code: category.code,
      service_name: category[request.locale],
      description: category[request.locale],
      metadata: false,
      type: "realtime",
      keywords: category.en.toLowerCase(),
      group: GROUP[request.locale],
    })),
  );

  app.post(
    "/open311/v2/requests.json",
    {
      schema: { tags: ["open311"], security: [], body: PostRequest },
      config: { rateLimit: { max: Math.max(600, deps.settings.rateLimitIp), timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const body = request.body;
      if (!(CATEGORY_CODES as readonly string[]).includes(body.service_code)) {
        throw new AppError(
          400,
          "validation",
          { field: "service_code", detail: body.service_code },
          "service_code",
        );
      }
      let communeId: string | undefined;
      let communeName: string | undefined;
      const communes = await communesToday(db(), tenantId, deps.today());
      if (body.address_id && communes.some((c) => c.id === body.address_id)) communeId = body.address_id;
      else if (body.address_string) {
        const found =
          findCommuneInAddress(communes, body.address_string) ?? matchCommune(communes, body.address_string);
        communeId = found?.id;
        communeName = found ? undefined : body.address_string;
      }
      const name = [body.last_name, body.first_name].filter(Boolean).join(" ").trim();
      const outcome = await receivePublic(
        app,
        reply,
        {
          body: {
            kind: "phan-anh",
            text: body.description,
            category: body.service_code,
            communeId,
            communeName,
            contact: {
              name: name || "Công dân",
              phone: body.phone || undefined,
              email: body.email?.toLowerCase() || undefined,
            },
          },
          ip: request.ip,
          key: checkIdempotencyKey(request.headers["idempotency-key"]),
          channel: "open311",
          // Where confirmation is required, Open311 clients send the code in this header.
          contactCode: request.headers["x-contact-code"] as string | undefined,
        },
        request.log,
      );
      return reply.status(201).send([
        {
          service_request_id: publicIdOf(outcome),
          service_notice: NOTICE[request.locale],
          account_id: null,
        },
      ]);
    },
  );

  app.get(
    "/open311/v2/requests.json",
    { schema: { tags: ["open311"], security: [], querystring: ListQuery } },
    async (request) => {
      const query = request.query;
      const conditions = [
        eq(petitions.tenantId, tenantId),
        inArray(petitions.kind, PUBLIC_KINDS),
        ne(petitions.status, "merged"),
      ];
      if (query.service_request_id) {
        // Public ids only: a tracking code finds nothing here, so this is no way to test one.
        const ids = query.service_request_id
          .split(",")
          .slice(0, 100)
          .map((id) => id.trim().toLowerCase())
          .filter(isPublicId);
        if (ids.length === 0) return [];
        conditions.push(inArray(petitions.id, ids));
      } else {
        // GeoReport's default window: the last 90 days.
        const end = query.end_date ? new Date(query.end_date) : clock.now();
        const start = query.start_date
          ? new Date(query.start_date)
          : new Date(end.getTime() - 90 * 86_400_000);
        conditions.push(gte(petitions.receivedAt, start), lte(petitions.receivedAt, end));
      }
      if (query.service_code) conditions.push(eq(petitions.category, query.service_code));
      if (query.status === "closed") conditions.push(inArray(petitions.status, CLOSED));
      if (query.status === "open")
        conditions.push(
          sql`${petitions.status} NOT IN ('closed_resolved', 'closed_unresolved', 'refused', 'merged')`,
        );
      const rows = await db()
        .select()
        .from(petitions)
        .where(and(...conditions))
        .orderBy(desc(petitions.receivedAt))
        .limit(1000);
      return toRequests(rows);
    },
  );

  app.get(
    "/open311/v2/requests/:file",
    { schema: { tags: ["open311"], security: [], params: z.object({ file: z.string().max(60) }) } },
    async (request) => {
      const match = /^(.+)\.json$/.exec(request.params.file);
      if (!match) throw new AppError(404, "route_not_found", { detail: request.url.split("?")[0] });
      // The public id only; a tracking code (or anything else) is not found, as an unknown id is.
      const id = match[1].toLowerCase();
      const [row] = isPublicId(id)
        ? await db()
            .select()
            .from(petitions)
            .where(
              and(
                eq(petitions.tenantId, tenantId),
                eq(petitions.id, id),
                inArray(petitions.kind, PUBLIC_KINDS),
              ),
            )
        : [];
      if (!row) throw new AppError(404, "not_found", { what: "service_request_id" });
      return toRequests([row]);
    },
  );
};
