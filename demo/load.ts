import { eq, sql } from "drizzle-orm";
import type { UnitType } from "../common/enums.ts";
import type { Database, DbOrTx } from "../server/db/connection.ts";
import type { Tenant } from "../server/http/context.ts";
import { recordAudit } from "../server/modules/audit/service.ts";
import { generatePassword, hashPassword } from "../server/modules/auth/passwords.ts";
import { roleGrants, users } from "../server/modules/auth/tables.ts";
import { installModules } from "../server/modules/index.ts";
import { applyDirectoryEvent } from "../server/modules/orgs/restructure.ts";
import { listUnits } from "../server/modules/orgs/service.ts";
import { unitGroups, units } from "../server/modules/orgs/tables.ts";
import { loadDemoFollowUp, loadDemoProgress } from "./assignments.ts";
import { loadDemoCivic } from "./civic.ts";
import { DEMO_GROUPS, kienGiangDirectory } from "./directory.ts";
import { loadDemoPetitions } from "./petitions.ts";
import { loadDemoPlan } from "./plan.ts";
import { loadDemoReports } from "./reports.ts";
import { departmentMergers2025, provinceMerger2025 } from "./restructuring.ts";
import { DEMO_USERS } from "./users.ts";

const DEMO_ACTOR = { userId: null, name: "demo loader" };

/** The demo goes only into an empty directory: any unit of the tenant means it is not empty. */
export async function isDemoLoaded(db: DbOrTx, tenantId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(units)
    .where(eq(units.tenantId, tenantId));
  return row.n > 0;
}

export interface DemoSummary {
  lines: string[];
}

/**
 * Loads the demo province in one transaction: the directory, its groups and one account per
 * role. Passwords are DEMO_PASSWORD when given, else random and printed once.
 */
export async function loadDemo(
  database: Database,
  tenant: Tenant,
  options: { password: string | null },
): Promise<DemoSummary> {
  // Publishing the demo plan and applying the 2025 events must reach every module's hooks.
  installModules();
  const directory = kienGiangDirectory();
  const credentials: { username: string; password: string; role: string }[] = [];
  await database.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    // Parents come before children in the list, so one pass assigns every parent id.
    const rows = await tx
      .insert(units)
      .values(
        directory.map((unit) => {
          const id = crypto.randomUUID();
          ids.set(unit.key, id);
          return {
            id,
            tenantId: tenant.id,
            type: unit.type,
            name: unit.name,
            code: unit.code ?? null,
            shortName: unit.shortName ?? null,
            aliases: unit.aliases ?? [],
            parentId: unit.parent ? ids.get(unit.parent)! : null,
          };
        }),
      )
      .returning({ id: units.id });
    for (const group of DEMO_GROUPS) {
      await tx.insert(unitGroups).values({
        tenantId: tenant.id,
        name: group.name,
        aliases: group.aliases,
        unitTypes: group.unitTypes,
        memberIds: (group.memberKeys ?? []).map((key) => ids.get(key)!),
        description: group.description,
      });
    }
    for (const demoUser of DEMO_USERS) {
      const password = options.password ?? generatePassword(14);
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          username: demoUser.username,
          displayName: demoUser.displayName,
          email: demoUser.email,
          passwordHash: await hashPassword(password),
        })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({
        tenantId: tenant.id,
        userId: user.id,
        role: demoUser.role,
        unitId: ids.get(demoUser.unitKey)!,
      });
      credentials.push({ username: demoUser.username, password, role: demoUser.role });
    }
    await recordAudit(tx, {
      tenantId: tenant.id,
      actor: DEMO_ACTOR,
      action: "demo.load",
      entityType: "tenant",
      entityId: tenant.id,
      after: { units: rows.length, groups: DEMO_GROUPS.length, users: DEMO_USERS.map((u) => u.username) },
    });
  });
  // The plan of June 2024 names the 2024 units; the 2025 events then close them.
  const plan = await loadDemoPlan(database, tenant);
  // July 2024 – June 2025: the units of 2024 report progress, before the events move open work.
  const progress = await loadDemoProgress(database, tenant);
  // The 2024 reporting cycle, with the units of December 2024, before the events close them.
  const reporting = await loadDemoReports(database, tenant);
  const events = await applyRestructuring(database, tenant);
  // July 2025 – today: the successors carry on.
  const followUp = await loadDemoFollowUp(database, tenant);
  // Petitions of 2025–2026 go to the units in force after the events.
  const petitions = await loadDemoPetitions(database, tenant);
  const civic = await loadDemoCivic(database, tenant);
  const width = Math.max(...credentials.map((c) => c.username.length));
  return {
    lines: [
      `Demo province loaded: ${directory.length} units of ${tenant.name} (2024), ${DEMO_GROUPS.length} groups, ${credentials.length} accounts.`,
      ...plan.lines,
      ...progress,
      ...reporting,
      ...events,
      ...followUp,
      ...petitions,
      ...civic,
      options.password
        ? "Demo accounts (password from DEMO_PASSWORD):"
        : "Demo accounts — passwords are shown only this once:",
      ...credentials.map(
        (c) => `  ${c.username.padEnd(width)}  ${options.password ? "" : `${c.password}  `}(${c.role})`,
      ),
    ],
  };
}

/**
 * The 2025 restructuring, applied as the directory events an administrator would apply:
 * the March department mergers, then the July merger into An Giang with the district level
 * abolished. The directory viewed as of 2024 is unchanged by them.
 */
async function applyRestructuring(database: Database, tenant: Tenant): Promise<string[]> {
  installModules();
  const lines: string[] = [];
  const march = departmentMergers2025();
  await database.db.transaction(async (tx) => {
    const outcome = await applyDirectoryEvent(tx, tenant.id, DEMO_ACTOR, march, { dryRun: false });
    lines.push(
      `  ${march.effectiveDate}: ${march.title} — ${outcome.closed.length} units merged into ${outcome.created.length}.`,
    );
  });
  const onEve = await listUnits(database.db, tenant.id, { asOf: "2025-06-30" });
  const byId = new Map(onEve.map((unit) => [unit.id, unit]));
  const namesByCode = new Map(onEve.filter((unit) => unit.code).map((unit) => [unit.code!, unit.name]));
  const childrenOf = new Map<string, { code: string; name: string; type: UnitType }[]>();
  for (const unit of onEve) {
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    if (!parent?.code || !unit.code) continue;
    childrenOf.set(parent.code, [
      ...(childrenOf.get(parent.code) ?? []),
      { code: unit.code, name: unit.name, type: unit.type },
    ]);
  }
  const july = provinceMerger2025(namesByCode, childrenOf);
  await database.db.transaction(async (tx) => {
    const outcome = await applyDirectoryEvent(tx, tenant.id, DEMO_ACTOR, july, { dryRun: false });
    lines.push(
      `  ${july.effectiveDate}: ${july.title} — ${outcome.closed.length} units closed, ${outcome.created.length} created.`,
    );
  });
  return ["Directory events applied:", ...lines];
}
