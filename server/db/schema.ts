// Every module's tables, gathered for drizzle (queries with relations) and drizzle-kit (migrations).

export * from "../modules/assignments/tables.ts";
export * from "../modules/audit/tables.ts";
export * from "../modules/auth/tables.ts";
export * from "../modules/consultations/tables.ts";
export * from "../modules/dialogues/tables.ts";
export * from "../modules/intake/tables.ts";
export * from "../modules/notifications/tables.ts";
export * from "../modules/orgs/tables.ts";
export * from "../modules/petitions/tables.ts";
export * from "../modules/plans/tables.ts";
export * from "../modules/reports/consolidate/tables.ts";
export * from "../modules/reports/tables.ts";
