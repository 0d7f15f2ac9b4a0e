import { all, except, type MatrixRow } from "../../test/authz-matrix.ts";

/** Accounts, the audit trail, the home page and notices: the account's own, or the administrator's. */
const ADMIN_ONLY = except([403], { admin: [200] });

export const rows: MatrixRow[] = [
  { route: "GET /api/me", expect: all([200]) },
  { route: "GET /api/users", expect: ADMIN_ONLY },
  { route: "GET /api/audit", expect: ADMIN_ONLY },
  { route: "GET /api/audit/verify", expect: ADMIN_ONLY },
  { route: "GET /api/home", expect: all([200]) },
  { route: "GET /api/notices", expect: all([200]) },
];
