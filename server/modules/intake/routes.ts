import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError } from "../../../common/schemas/errors.ts";
import { intakeDeps } from "./deps.ts";
import { contactConfirmation, issueContactCode } from "./otp.ts";
import { withRetryAfter } from "./submission.ts";

const CodeRequest = z
  .strictObject({
    phone: z.string().trim().min(6).max(30).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  })
  .refine((body) => !(body.phone && body.email), {
    message: "phone or email, not both",
    path: ["email"],
  });

/** The portal asks whether a code is needed, and for one; petitions, questions and comments spend it. */
export const contactCodeRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = intakeDeps(app.ctx);
  const confirmation = contactConfirmation(app.ctx, app.log);
  // The operations keep the tag they were published under, so the API's contract stays as it was.
  const tags = ["petitions (public)"];

  app.get(
    "/api/public/contact-confirmation",
    {
      schema: {
        tags,
        summary:
          "Whether petitions need a confirmation code for the phone or e-mail, and how long a code lives",
        security: [],
        response: { 200: z.object({ required: z.boolean(), minutes: z.number().int() }) },
      },
    },
    async () => ({ required: confirmation.settings.required, minutes: confirmation.settings.ttlMinutes }),
  );

  app.post(
    "/api/public/contact-codes",
    {
      schema: {
        tags,
        summary: "Send a 6-digit confirmation code to a phone (SMS) or an e-mail",
        security: [],
        body: CodeRequest,
        response: {
          201: z.object({
            channel: z.enum(["sms", "email"]),
            sentTo: z.string(),
            expiresInMinutes: z.number().int(),
          }),
          400: ApiError,
          409: ApiError,
          429: ApiError,
          502: ApiError,
        },
      },
    },
    async (request, reply) => {
      const sent = await withRetryAfter(reply, () =>
        issueContactCode(deps, confirmation, request.body, request.ip),
      );
      return reply.status(201).send(sent);
    },
  );
};
