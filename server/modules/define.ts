import type { FastifyPluginAsync } from "fastify";
import type { PermissionModule, Permissions } from "../../common/schemas/permissions.ts";
import type { AppContext } from "../http/context.ts";
import type { JobLogger, JobQueue } from "../jobs/queue.ts";
import type { Actor } from "./auth/actor.ts";
import type { SectionProvider } from "./home/sections.ts";
import type { SuccessionHandler } from "./orgs/restructure.ts";
import type { UnitUsageCheck } from "./orgs/service.ts";
import type { PublishHandler, PublishPreviewer } from "./plans/hooks.ts";

/** What a module's jobs are given: the app's context with the started queue, and a logger. */
export interface JobContext extends AppContext {
  jobs: JobQueue;
  logger: JobLogger;
}

/**
 * A module declares itself here: its tables, its routes, its jobs, and how it takes part in what
 * other modules do (the home page, a restructuring of the directory, publishing a plan).
 * `server/modules/index.ts` lists every module; the app, the job runner and the command line
 * read that list, so adding a module is one folder with an `index.ts` and one line there.
 */
export interface ModuleDefinition {
  /** The folder's name. */
  name: string;
  /**
   * The module's rules by resource kind (`{ plans: planPolicy }`): pure functions of the actor and
   * a resource, which `authorize(actor, "<kind>.<rule>", resource)` (authorize.ts) applies. Name
   * each one's type in `Policies` there, beside the manifest.
   */
  policies?: Record<string, object>;
  /** The module's tables (`import * as tables from "./tables.ts"`); only its own. */
  tables?: Record<string, unknown>;
  /** Routes for signed-in staff: every one is refused with 401 before validation without a session. */
  routes?: FastifyPluginAsync[];
  /** Routes anyone may call; each says so in its schema with `security: []`. */
  publicRoutes?: FastifyPluginAsync[];
  /** Registers the module's workers and schedules on the started queue. */
  jobs?: (ctx: JobContext) => Promise<void>;
  /** What the web app may offer, per part of the permissions the module answers for (auth/policy.ts). */
  permissions?: { [M in Exclude<PermissionModule, "users" | "audit">]?: (actor: Actor) => Permissions[M] };
  /** Sections the module adds to its users' home page. */
  homeSections?: SectionProvider[];
  /** How the module's obligations pass to successor units when the directory is restructured. */
  succession?: SuccessionHandler;
  /** What in the module still refers to a unit that someone wants to delete. */
  unitUsage?: UnitUsageCheck;
  /** What the module does when a plan version is published, inside the publishing transaction. */
  onPublish?: PublishHandler;
  /** What publishing a draft would make in the module (for the confirmation dialog). */
  publishPreview?: PublishPreviewer;
}

/** Declares a module; the identity function, there for the types and for readers to find. */
export function defineModule<const T extends ModuleDefinition>(definition: T): T {
  return definition;
}
