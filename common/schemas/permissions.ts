import { z } from "zod";

/**
 * What the signed-in user may do, module by module, as the server's policies decide it. The web
 * app shows menus and buttons from this alone and never works it out from role names; what may
 * be done with one resource (a petition, a report, an escalation …) comes with the resource, in
 * its `allowed` or `actions` list.
 */
const flag = z.boolean();
const unitIds = z.array(z.string().uuid());

export const ModulePermissions = {
  directory: z.object({ manage: flag, export: flag }),
  users: z.object({ manage: flag }),
  audit: z.object({ read: flag }),
  plans: z.object({ import: flag }),
  petitions: z.object({
    /** The inbox and the statistics: the petitions of a scope. */
    see: flag,
    /** Enter a petition received by letter, at a reception, by phone or e-mail. */
    enter: flag,
  }),
  dialogues: z.object({ see: flag }),
  consultations: z.object({ see: flag }),
  reports: z.object({
    /** The reports menu: someone who writes, sends or follows reports. */
    see: flag,
    /** Follows the reporting of the whole province. */
    readAll: flag,
    /** Sở Nội vụ's part: receive, accept or return, reopen a locked period, urging letters. */
    coordinate: flag,
    /** The units whose own reports the user writes or sends, as their staff. */
    ownUnitIds: unitIds,
  }),
  consolidation: z.object({ see: flag }),
  escalations: z.object({
    see: flag,
    /** The units for which the user raises a difficulty or proposal. */
    raiseUnitIds: unitIds,
  }),
};

export const Permissions = z.object({
  /** The account sees the whole province, wherever its grant sits. */
  provinceWide: flag,
  ...ModulePermissions,
});
export type Permissions = z.infer<typeof Permissions>;

/** The modules that answer for a part of the permissions (each from its own policy). */
export type PermissionModule = keyof typeof ModulePermissions;
