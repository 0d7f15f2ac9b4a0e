import { z } from "zod";
import { LOCALES, ROLES } from "../enums.ts";
import { Permissions } from "./permissions.ts";

export { Permissions };

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/)
    .optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RoleGrant = z.object({
  role: z.enum(ROLES),
  unitId: z.string().uuid(),
  unitName: z.string(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Me = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: z.enum(LOCALES),
  totpEnabled: z.boolean(),
  /** The account's roles require a second factor (SECOND_FACTOR_ROLES): it cannot be turned off. */
  secondFactorRequired: z.boolean(),
  /** Required and not set up yet: the session may only enrol one (and change the password). */
  secondFactorEnrolment: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleGrant),
  permissions: Permissions,
});
export type Me = z.infer<typeof Me>;

export const MeUpdate = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
});

export const PasswordChange = z.strictObject({
  current: z.string().min(1).max(200),
  next: z.string().min(10).max(200),
});

export const TotpCode = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

export const UserCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[a-z0-9._-]+$/),
  displayName: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(200).nullable().optional(),
  password: z.string().min(10).max(200).optional(),
  grants: z.array(z.strictObject({ role: z.enum(ROLES), unitId: z.string().uuid() })).default([]),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().email().max(200).nullable().optional(),
  disabled: z.boolean().optional(),
  grants: z.array(z.strictObject({ role: z.enum(ROLES), unitId: z.string().uuid() })).optional(),
});

export const UserSummary = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  version: z.number().int(),
  grants: z.array(RoleGrant),
  /** Units of the account's roles that no longer exist, with who carries their duties now. */
  closedUnits: z.array(
    z.object({
      unitId: z.string().uuid(),
      unitName: z.string(),
      closedOn: z.string(),
      successors: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
    }),
  ),
});

export const UserListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  /** Only accounts holding a role on a closed unit. */
  closed: z.enum(["true", "false"]).optional(),
});

export const MoveToSuccessor = z.strictObject({
  version: z.number().int().positive(),
  fromUnitId: z.string().uuid(),
  toUnitId: z.string().uuid(),
});
export type UserSummary = z.infer<typeof UserSummary>;
