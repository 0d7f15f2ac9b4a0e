import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { clock } from "../../lib/clock.ts";

/** Helpers shared by the dialogues and consultations integration tests. */

let counter = 0;

/** A fresh client address per call unless one is given: the limits are per address. */
export function nextIp(): string {
  counter++;
  return `172.${16 + ((counter >> 16) & 15)}.${(counter >> 8) & 255}.${counter & 255}`;
}

export function randomPhone(): string {
  return `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
}

export function publicPost(
  app: FastifyInstance,
  url: string,
  body: unknown,
  options: { ip?: string; key?: string; locale?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url,
    remoteAddress: options.ip ?? nextIp(),
    headers: {
      "content-type": "application/json",
      "accept-language": options.locale ?? "vi",
      ...(options.key ? { "idempotency-key": options.key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

/** A day as YYYY-MM-DD, `days` from today (UTC+7). */
export function dayFromToday(days: number): string {
  return clock
    .fromNow(7 * 3600_000 + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
