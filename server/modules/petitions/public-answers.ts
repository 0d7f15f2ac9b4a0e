import { and, count, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { PETITION_KINDS } from "../../../common/schemas/petitions.ts";
import { maskPersonalData } from "../intake/public.ts";
import { petitionDeps } from "./deps.ts";
import { allUnits } from "./directory.ts";
import { petitions } from "./tables.ts";

/**
 * The published answers, for the portal's "Trả lời đã công bố" page: phản ánh and kiến nghị
 * only (complaints and denunciations are not public matters, as in Open311), newest first, the
 * citizen's words and the answer with personal data masked (the answer was masked when it was
 * published; the question is masked here). Never a name, a phone, an e-mail or an attachment, and
 * never the tracking code: it is the citizen's key to the case (rating, follow-up), so an answer
 * is known here by the petition's public id, the one Open311 shows too.
 */
const PUBLIC_KINDS = ["phan-anh", "kien-nghi"] as const;
const EXCERPT = 600;

export const PublicAnswer = z.object({
  id: z.string().uuid(),
  kind: z.enum(PETITION_KINDS),
  category: z.string().nullable(),
  commune: z.string().nullable(),
  handlingUnit: z.string().nullable(),
  receivedDate: z.string(),
  answeredAt: z.string(),
  question: z.string(),
  answer: z.string(),
  rating: z.number().int().nullable(),
});

const Query = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

function excerpt(text: string): string {
  if (text.length <= EXCERPT) return text;
  const cut = text.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT - 40))}…`;
}

export const publicAnswerRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = petitionDeps(app.ctx);
  const tenantId = deps.tenant.id;

  app.get(
    "/api/public/answers",
    {
      schema: {
        tags: ["petitions (public)"],
        summary: "Published answers to phản ánh and kiến nghị, newest first, personal data masked",
        security: [],
        querystring: Query,
        response: { 200: z.object({ total: z.number().int(), items: z.array(PublicAnswer) }) },
      },
    },
    async (request) => {
      const db = deps.database.db;
      const where = and(
        eq(petitions.tenantId, tenantId),
        inArray(petitions.kind, [...PUBLIC_KINDS]),
        isNotNull(petitions.answerPublishedAt),
        isNotNull(petitions.answerPublic),
        ne(petitions.status, "merged"),
      );
      const [rows, [{ total }], units] = await Promise.all([
        db
          .select()
          .from(petitions)
          .where(where)
          .orderBy(desc(petitions.answerPublishedAt), desc(petitions.id))
          .limit(request.query.limit)
          .offset(request.query.offset),
        db.select({ total: count() }).from(petitions).where(where),
        allUnits(db, tenantId),
      ]);
      const unitName = (id: string | null) => (id ? (units.get(id)?.name ?? null) : null);
      return {
        total: Number(total),
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind as (typeof PETITION_KINDS)[number],
          category: row.category,
          commune: unitName(row.communeId),
          handlingUnit: unitName(row.assignedUnitId),
          receivedDate: row.receivedDate,
          answeredAt: row.answerPublishedAt!.toISOString(),
          question: excerpt(maskPersonalData(row.text, { knownNames: [row.contactName] })),
          answer: maskPersonalData(row.answerPublic!, { knownNames: [row.contactName] }),
          rating: row.ratingScore,
        })),
      };
    },
  );
};
