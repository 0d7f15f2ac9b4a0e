import { forbidden, type Localized, notFound } from "../lib/errors.ts";
import type { Actor } from "./auth/actor.ts";
import { MODULES } from "./index.ts";

/**
 * The one authorization check of the server. Each module keeps its rules as pure policy objects
 * (`policy.ts`: `{ rule(actor, resource?) => boolean }`), one per kind of resource, gives them as
 * `policies` in its manifest (index.ts), and names their types here, beside the manifest:
 *
 *     declare module "../authorize.ts" { interface Policies { plans: typeof planPolicy } }
 *
 * A route (or the loader it calls) then asks `authorize(actor, "plans.edit", plan)`: the action is
 * "<kind>.<rule>", and the resource's type is the rule's. A refused read answers 404 with what
 * was asked for (`{ missing }`), so that a caller learns nothing of what exists outside its
 * scope; any other refusal answers 403.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each module's declaration.
export interface Policies {}

// biome-ignore lint/suspicious/noExplicitAny: a rule's resource is any shape its module chooses.
type Rule = (actor: Actor, resource?: any) => boolean;

/** Every "<kind>.<rule>" the modules declare. */
export type Action = {
  [M in keyof Policies & string]: `${M}.${keyof Policies[M] & string}`;
}[keyof Policies & string];

/** The resource a rule is asked about: `undefined` for a rule of the actor alone. */
type ResourceOf<A extends string> = A extends `${infer M}.${infer R}`
  ? M extends keyof Policies
    ? R extends keyof Policies[M]
      ? Policies[M][R] extends (actor: Actor, resource: infer P) => boolean
        ? P
        : undefined
      : never
    : never
  : never;

interface Refusal {
  /** A refused read: answer 404 naming this, as if the resource did not exist. */
  missing?: string | Localized;
}

type Args<A extends string> =
  undefined extends ResourceOf<A>
    ? [resource?: ResourceOf<A>, refusal?: Refusal]
    : [resource: ResourceOf<A>, refusal?: Refusal];

function ruleOf(action: string): Rule {
  const dot = action.indexOf(".");
  const kind = action.slice(0, dot);
  const policy = MODULES.find((module) => module.policies?.[kind])?.policies?.[kind] as
    | Record<string, unknown>
    | undefined;
  const rule = policy?.[action.slice(dot + 1)];
  // A programming error, never a user's: an action no module declares.
  if (typeof rule !== "function") throw new Error(`no module's policy declares the action ${action}`);
  return rule as Rule;
}

/** Whether the actor may take the action on the resource: what a page may offer. */
export function may<A extends Action>(actor: Actor, action: A, ...[resource]: Args<A>): boolean {
  return ruleOf(action)(actor, resource);
}

/**
 * Refuses the request unless the actor may take the action: 403, or with `missing` a 404 naming
 * what was not found (a read the caller must not learn exists).
 */
export function authorize<A extends Action>(actor: Actor, action: A, ...[resource, refusal]: Args<A>): void {
  if (ruleOf(action)(actor, resource)) return;
  throw refusal?.missing ? notFound(refusal.missing) : forbidden();
}
