import { type SQL, sql } from "drizzle-orm";
import type { PlanTree } from "../../../common/plan-tree.ts";
import type { PlanDuplicate } from "../../../common/schemas/plans.ts";
import { type DbOrTx, queryRows } from "../../db/connection.ts";
import { AppError } from "../../lib/errors.ts";

/**
 * A plan imported twice: the same document (number, date and issuer), the same text once folded,
 * or a text nearly the same from the same issuer (a copy retyped, its title reworded). Importing
 * it again is then a deliberate choice; without it the import is refused and nothing is stored.
 */

/** Trigram similarity of two folded texts above which they are one document. */
export const SIMILAR_TEXT = 0.9;

/** The incoming text folded the way `PLAN_TEXT_KEY` folds a stored one. */
const foldedParam = (text: string): SQL => sql`regexp_replace(vi_fold(${text}), '\\s+', ' ', 'g')`;
const storedKey = sql.raw(`regexp_replace(vi_fold(p.source_text), '\\s+', ' ', 'g')`);

export async function findDuplicates(db: DbOrTx, tenantId: string, tree: PlanTree): Promise<PlanDuplicate[]> {
  const doc = tree.document;
  const text = tree.source?.text ?? "";
  const sameDocument =
    doc.number && doc.date && doc.issuer
      ? sql`(p.number = ${doc.number} AND coalesce(p.symbol, '') = ${doc.symbol ?? ""}
             AND p.doc_date = ${doc.date} AND vi_fold(p.issuer) = vi_fold(${doc.issuer}))`
      : sql`false`;
  const sameText = text.trim() ? sql`md5(${storedKey}) = md5(${foldedParam(text)})` : sql`false`;
  // Similarity is worked out only among the issuer's plans of the same date: a handful of rows.
  // Two numbered documents with different numbers are two documents, however alike.
  const similarText =
    text.trim() && doc.issuer
      ? sql`(vi_fold(p.issuer) = vi_fold(${doc.issuer})
             AND p.doc_date IS NOT DISTINCT FROM ${doc.date ?? null}
             AND (p.number IS NULL OR ${doc.number ?? null}::text IS NULL OR p.number = ${doc.number ?? null})
             AND similarity(${storedKey}, ${foldedParam(text)}) >= ${SIMILAR_TEXT})`
      : sql`false`;
  const rows = await queryRows<{
    id: string;
    title: string;
    number: string | null;
    symbol: string | null;
    doc_date: string | null;
    issuer: string | null;
    status: string;
    same_document: boolean;
    same_text: boolean;
  }>(
    db,
    sql`SELECT p.id, p.title, p.number, p.symbol, p.doc_date, p.issuer, p.status,
               ${sameDocument} AS same_document, ${sameText} AS same_text
        FROM plans p
        WHERE p.tenant_id = ${tenantId} AND (${sameDocument} OR ${sameText} OR ${similarText})
        ORDER BY p.created_at
        LIMIT 5`,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    number: row.number,
    symbol: row.symbol,
    date: row.doc_date,
    issuer: row.issuer,
    status: row.status as PlanDuplicate["status"],
    reason: row.same_document ? "document" : row.same_text ? "text" : "similar",
  }));
}

/** The refusal: names the plan already there, and what makes them the same. */
export function duplicateRefusal(found: PlanDuplicate[]): AppError {
  const first = found[0];
  const code = `plan_duplicate_${first.reason}`;
  return new AppError(409, code, { title: first.title, count: found.length }, undefined, {
    duplicates: found,
  });
}
