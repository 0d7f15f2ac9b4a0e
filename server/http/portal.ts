import type { FastifyPluginAsync } from "fastify";

/**
 * The citizens' portal: a page of its own (web/portal.html, a separate, light bundle) served at
 * /cong-dan and every path under it, which the portal's router reads. E-mails to citizens link
 * to /phan-anh/tra-cuu/<code>: that address leads to the portal's lookup page.
 */
export const PORTAL_PATH = "/cong-dan";

export const portalPages: FastifyPluginAsync = async (app) => {
  const page = async (_request: unknown, reply: import("fastify").FastifyReply) =>
    reply.header("cache-control", "no-cache").sendFile("portal.html");
  app.get(PORTAL_PATH, { schema: { hide: true } }, page);
  app.get(`${PORTAL_PATH}/*`, { schema: { hide: true } }, page);
  app.get<{ Params: { code: string } }>(
    "/phan-anh/tra-cuu/:code",
    { schema: { hide: true } },
    async (request, reply) =>
      reply.redirect(`${PORTAL_PATH}/tra-cuu/${encodeURIComponent(request.params.code)}`, 301),
  );
};
