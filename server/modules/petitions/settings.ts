import type { Config } from "../../config.ts";
import type { PetitionLimits } from "../../config-sections.ts";

/**
 * The petitions module's settings, read from the environment once by the server's configuration
 * (server/config-sections.ts, `parsePetitionLimits`): each province sets its own limits and its
 * own answer clock.
 *
 * | variable | default | what |
 * |---|---|---|
 * | PETITION_RATE_LIMIT_IP | 20 | petitions per hour from one client address |
 * | PETITION_RATE_LIMIT_PHONE | 5 | petitions per hour for one phone number or e-mail |
 * | PETITION_UPLOAD_RATE_LIMIT_IP | 30 | uploads per hour from one client address |
 * | PETITION_UPLOAD_BYTES_PER_DAY_IP | 209715200 | bytes uploaded per day (UTC+7) from one client address |
 * | PETITION_CONTACT_CHECKS | 5 | wrong contact proofs per hour from one client address |
 * | PETITION_CONTACT_CHECKS_PER_CASE | 100 | wrong contact proofs per hour on one case, from all addresses |
 * | PETITION_ANSWER_WORKING_DAYS | 15 | the province's clock to answer phản ánh, kiến nghị |
 * | PETITION_ROUTE_WORKING_DAYS | 3 | the province's clock to send one to the responsible unit |
 * | PETITION_EXTENSION_WORKING_DAYS | 10 | the one extension of that answer clock |
 * | PETITION_WARNING_DAYS | 3,1 | warn the unit this many working days before a clock runs out |
 * | PETITION_FOLLOW_UP_WEEKS | 4 | ask the citizen again this long after closing |
 * | PETITION_UPLOAD_TTL_HOURS | 24 | unclaimed uploads are deleted after this |
 * | UPLOAD_DIR | DATA_DIR/uploads | where the folder storage keeps files |
 */
export interface PetitionSettings extends PetitionLimits {
  uploadLimit: number;
}

/** The module's settings: the limits read once with the server's configuration, and the upload limit. */
export function petitionSettings(config: Pick<Config, "petitions" | "uploadLimit">): PetitionSettings {
  return { ...config.petitions, uploadLimit: config.uploadLimit };
}
