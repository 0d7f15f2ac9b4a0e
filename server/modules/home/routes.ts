import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { HomePage } from "../../../common/schemas/home.ts";
import { requireActor } from "../../http/context.ts";
import { buildHome } from "./service.ts";

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/home",
    {
      schema: {
        tags: ["home"],
        summary: "What the signed-in role has to do today",
        response: { 200: HomePage },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return buildHome(app.ctx, actor, request.auth!.user, request.locale);
    },
  );
};
