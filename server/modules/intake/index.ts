import { defineModule } from "../define.ts";
import { contactCodeRoutes } from "./routes.ts";
import * as tables from "./tables.ts";

/**
 * What every citizen's submission goes through, whether a petition, a dialogue question or a
 * consultation comment: the contact, the one-time code, the limits, the honeypot, the
 * Idempotency-Key; and the masking of personal data in what the public reads.
 */
export const intakeModule = defineModule({
  name: "intake",
  tables,
  publicRoutes: [contactCodeRoutes],
});
