import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type {
  PublicConsultation,
  PublicConsultationDetail,
  ResponseResult,
} from "../../../common/schemas/consultations.ts";
import type { CivicDeps } from "../dialogues/deps.ts";
import { type UnitIndex, unitIndex } from "../dialogues/directory.ts";
import { maskPersonalData } from "../intake/public.ts";
import { notFoundConsultation } from "./access.ts";
import { phaseOf } from "./policy.ts";
import { loadComments, loadSections } from "./service.ts";
import { consultationComments, consultations } from "./tables.ts";

/**
 * What the portal shows: published drafts section by section, with the published comments and
 * the drafting agency's answers. Citizens' names and contacts never leave the staff side, their
 * words are masked; units and the Front are named (they write as public bodies).
 */

type Row = typeof consultations.$inferSelect;

function publicConsultation(
  row: Row,
  units: UnitIndex,
  today: string,
  published: number,
): PublicConsultation {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    draftingUnit: units.name(row.draftingUnitId),
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    phase: phaseOf(row.status, row.opensOn, row.closesOn, today) as "open",
    publishedComments: published,
  };
}

export async function publicConsultations(deps: CivicDeps, phase?: "upcoming" | "open" | "closed") {
  const db = deps.database.db;
  const today = deps.today();
  const rows = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, deps.tenant.id), eq(consultations.status, "published")))
    .orderBy(desc(consultations.opensOn))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({ id: consultationComments.consultationId, n: sql<number>`count(*)::int` })
          .from(consultationComments)
          .where(
            and(
              inArray(consultationComments.consultationId, ids),
              eq(consultationComments.status, "published"),
            ),
          )
          .groupBy(consultationComments.consultationId);
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  const units = await unitIndex(db, deps.tenant.id);
  const items = rows
    .map((row) => publicConsultation(row, units, today, byId.get(row.id) ?? 0))
    .filter((c) => !phase || c.phase === phase);
  return { items };
}

export async function publicConsultationDetail(
  deps: CivicDeps,
  id: string,
): Promise<PublicConsultationDetail> {
  const db = deps.database.db;
  const [row] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, deps.tenant.id), eq(consultations.id, id)));
  if (!row || row.status !== "published") throw notFoundConsultation();
  const units = await unitIndex(db, deps.tenant.id);
  const sections = await loadSections(db, row.id);
  const comments = await loadComments(db, row.id, "published");
  const knownNames = comments.filter((c) => c.authorKind === "citizen").map((c) => c.authorName);
  return {
    ...publicConsultation(row, units, deps.today(), comments.length),
    sections: sections.map((section) => ({
      id: section.id,
      position: section.position,
      heading: section.heading,
      text: section.text,
      comments: comments
        .filter((c) => c.sectionId === section.id)
        .map((c) => {
          const citizen = c.authorKind === "citizen";
          return {
            id: c.id,
            authorKind: c.authorKind as "citizen",
            authorName: citizen ? (c.organisation ?? null) : c.authorName,
            text: citizen ? maskPersonalData(c.text, { knownNames }) : c.text,
            submittedAt: c.createdAt.toISOString(),
            response:
              c.result && c.answeredAt
                ? {
                    result: c.result as ResponseResult,
                    explanation: maskPersonalData(c.explanation ?? "", { knownNames }),
                    at: c.answeredAt.toISOString(),
                  }
                : null,
          };
        }),
    })),
  };
}
