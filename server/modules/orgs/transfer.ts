import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { type Locale, UNIT_TYPES, type UnitType } from "../../../common/enums.ts";
import type { ImportResult, Unit } from "../../../common/schemas/units.ts";
import type { DbOrTx } from "../../db/connection.ts";
import { todayInVietnam } from "../../lib/calendar/index.ts";
import { toCsv } from "../../lib/csv.ts";
import { AppError, both, type Localized } from "../../lib/errors.ts";
import type { AuditActor } from "../audit/service.ts";
import { createUnit, listUnits, toUnit, updateUnit } from "./service.ts";
import type { DIRECTORY_COLUMNS } from "./table-file.ts";
import { units } from "./tables.ts";

/** The columns of a directory file, in order; titles are bilingual so both readers know them. */
const COLUMNS = [
  { key: "id", title: "id" },
  { key: "code", title: "ma (code)" },
  { key: "type", title: "loai (type)" },
  { key: "parentId", title: "don_vi_cha_id (parent_id)" },
  { key: "parentCode", title: "ma_don_vi_cha (parent_code)" },
  { key: "name", title: "ten (name)" },
  { key: "shortName", title: "ten_viet_tat (short_name)" },
  { key: "aliases", title: "ten_khac (aliases)" },
  { key: "validFrom", title: "hieu_luc_tu (valid_from)" },
  { key: "validTo", title: "hieu_luc_den (valid_to)" },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
// The reader (table-file.ts, run off the request thread) reads this many columns.
COLUMNS.length satisfies typeof DIRECTORY_COLUMNS;

function rowsFor(list: Unit[]) {
  const codeOf = new Map(list.map((unit) => [unit.id, unit.code]));
  return list.map((unit) => [
    unit.id,
    unit.code,
    unit.type,
    unit.parentId,
    unit.parentId ? (codeOf.get(unit.parentId) ?? null) : null,
    unit.name,
    unit.shortName,
    unit.aliases.join("; "),
    unit.validFrom,
    unit.validTo,
  ]);
}

export async function exportDirectory(db: DbOrTx, tenantId: string, format: "csv" | "xlsx", asOf?: string) {
  const list = await listUnits(db, tenantId, { asOf });
  const rows = rowsFor(list);
  if (format === "csv") {
    return Buffer.from(toCsv([COLUMNS.map((column) => column.title), ...rows]), "utf8");
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Don vi");
  sheet.columns = COLUMNS.map((column) => ({
    header: column.title,
    key: column.key,
    width: column.key === "name" ? 50 : 18,
  }));
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Imports a directory file: rows with an id update that unit, others match by (type, code)
 * or are created; parents are found by id or by code. Every row is checked first; with
 * errors nothing is written, and a dry run never writes.
 */
export async function importDirectory(
  tx: DbOrTx,
  tenantId: string,
  actor: AuditActor,
  table: string[][],
  dryRun: boolean,
  locale: Locale = "vi",
): Promise<ImportResult> {
  if (table.length < 2)
    throw new AppError(400, "import_invalid", { detail: both("tệp trống", "the file has no rows") });
  const header = table[0].map((cell) => cell.trim().toLowerCase());
  const index = new Map<ColumnKey, number>();
  for (const column of COLUMNS) {
    const at = header.findIndex(
      (cell) =>
        cell === column.title ||
        cell.includes(`(${column.title.split("(")[1]?.replace(")", "")})`) ||
        cell === column.key.toLowerCase(),
    );
    if (at >= 0) index.set(column.key, at);
  }
  for (const required of ["type", "name"] as const) {
    if (!index.has(required)) {
      throw new AppError(400, "import_invalid", {
        detail: both(`thiếu cột “${required}”`, `missing column “${required}”`),
      });
    }
  }
  const existing = (await tx.select().from(units).where(eq(units.tenantId, tenantId))).map(toUnit);
  const byId = new Map(existing.map((unit) => [unit.id, unit]));
  // A code may name a closed unit and its successor (the 2025 codes reuse 2024 ones): the
  // unit in force today wins, by coming last into the maps.
  const today = todayInVietnam();
  const inForce = (unit: Unit) =>
    (!unit.validFrom || unit.validFrom <= today) && (!unit.validTo || unit.validTo >= today);
  const coded = [
    ...existing.filter((unit) => unit.code && !inForce(unit)),
    ...existing.filter((unit) => unit.code && inForce(unit)),
  ];
  const byTypeCode = new Map(coded.map((unit) => [`${unit.type}|${unit.code}`, unit]));
  const byCode = new Map(coded.map((unit) => [unit.code!, unit]));

  const errors: ImportResult["errors"] = [];
  type Planned = {
    row: number;
    target: Unit | null;
    values: Omit<Unit, "id" | "version" | "parentId">;
    parentRef: { id?: string; code?: string };
  };
  const planned: Planned[] = [];
  table.slice(1).forEach((cells, i) => {
    const rowNumber = i + 2;
    const get = (key: ColumnKey) => {
      const at = index.get(key);
      const raw = at === undefined ? "" : (cells[at] ?? "").trim();
      return raw.replace(/^'(?=[=+\-@])/, "");
    };
    const fail = (field: string, message: Localized) =>
      errors.push({ row: rowNumber, field, message: message[locale] });
    const type = get("type");
    if (!(UNIT_TYPES as readonly string[]).includes(type))
      fail("type", both(`loại không hợp lệ “${type}”`, `unknown type “${type}”`));
    const name = get("name");
    if (!name) fail("name", both("thiếu tên", "the name is empty"));
    for (const key of ["validFrom", "validTo"] as const) {
      const value = get(key);
      if (value && !ISO_DATE.test(value))
        fail(
          key,
          both(`ngày phải có dạng YYYY-MM-DD (“${value}”)`, `the date must be YYYY-MM-DD (“${value}”)`),
        );
    }
    if (get("validFrom") && get("validTo") && get("validTo") < get("validFrom"))
      fail("validTo", both("ngày hết hiệu lực trước ngày bắt đầu", "it ends before it starts"));
    const id = get("id");
    if (id && !UUID.test(id)) fail("id", both(`id không hợp lệ “${id}”`, `invalid id “${id}”`));
    const code = get("code") || null;
    const target = (id && byId.get(id)) || (code ? byTypeCode.get(`${type}|${code}`) : undefined) || null;
    if (id && UUID.test(id) && !byId.has(id))
      fail("id", both("không có đơn vị với id này", "no unit has this id"));
    const parentId = get("parentId");
    const parentCode = get("parentCode");
    if (parentId && !UUID.test(parentId))
      fail("parentId", both(`id không hợp lệ “${parentId}”`, `invalid id “${parentId}”`));
    planned.push({
      row: rowNumber,
      target,
      values: {
        code,
        type: type as UnitType,
        name,
        shortName: get("shortName") || null,
        aliases: get("aliases")
          .split(";")
          .map((alias) => alias.trim())
          .filter(Boolean),
        validFrom: get("validFrom") || null,
        validTo: get("validTo") || null,
      },
      parentRef: parentId ? { id: parentId } : parentCode ? { code: parentCode } : {},
    });
  });
  // Parents may be rows of the same file (by code), or units already in the directory.
  const fileCodes = new Set(planned.map((p) => p.values.code).filter(Boolean));
  for (const plan of planned) {
    const ref = plan.parentRef;
    if (ref.id && !byId.has(ref.id))
      errors.push({
        row: plan.row,
        field: "parentId",
        message: both("đơn vị cha không tồn tại", "the parent unit does not exist")[locale],
      });
    if (ref.code && !byCode.has(ref.code) && !fileCodes.has(ref.code)) {
      errors.push({
        row: plan.row,
        field: "parentCode",
        message: both(`không có đơn vị mã “${ref.code}”`, `no unit has the code “${ref.code}”`)[locale],
      });
    }
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const plan of planned) {
    if (!plan.target) created++;
    else if (sameValues(plan.target, plan.values, plan.parentRef, byCode)) unchanged++;
    else updated++;
  }
  const result = { dryRun, created, updated, unchanged, errors };
  if (dryRun || errors.length > 0) return result;

  // Create in file order, resolving parents by code as they appear, then apply updates.
  const codeToId = new Map([...byCode].map(([code, unit]) => [code, unit.id]));
  const pending = [...planned];
  for (let pass = 0; pending.length > 0 && pass < 100; pass++) {
    for (let i = 0; i < pending.length; i++) {
      const plan = pending[i];
      const parentId =
        plan.parentRef.id ?? (plan.parentRef.code ? codeToId.get(plan.parentRef.code) : null) ?? null;
      if (plan.parentRef.code && !parentId) continue;
      if (!plan.target) {
        const unit = await createUnit(tx, tenantId, actor, { ...plan.values, parentId });
        if (unit.code) codeToId.set(unit.code, unit.id);
      } else if (!sameValues(plan.target, plan.values, plan.parentRef, byCode)) {
        await updateUnit(tx, tenantId, actor, plan.target.id, {
          ...plan.values,
          parentId,
          version: plan.target.version,
        });
      }
      pending.splice(i--, 1);
    }
  }
  if (pending.length > 0) {
    const rows = pending.map((p) => p.row).join(", ");
    throw new AppError(400, "import_invalid", {
      detail: both(`đơn vị cha vòng tròn ở dòng ${rows}`, `circular parents in rows ${rows}`),
    });
  }
  return result;
}

function sameValues(
  target: Unit,
  values: Omit<Unit, "id" | "version" | "parentId">,
  parentRef: { id?: string; code?: string },
  byCode: Map<string, Unit>,
) {
  const parentId = parentRef.id ?? (parentRef.code ? byCode.get(parentRef.code)?.id : null) ?? null;
  return (
    target.name === values.name &&
    target.type === values.type &&
    target.code === values.code &&
    target.shortName === values.shortName &&
    target.aliases.join("|") === values.aliases.join("|") &&
    target.validFrom === values.validFrom &&
    target.validTo === values.validTo &&
    target.parentId === parentId
  );
}
