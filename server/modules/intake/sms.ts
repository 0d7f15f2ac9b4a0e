import type { SmsSettings } from "../../config-sections.ts";
/**
 * Text messages to citizens' phones, behind one small interface so that a province plugs in
 * the gateway its telecom contract provides. Two senders exist:
 *
 * - `log`: writes the message to the server log (the number masked). For development and the
 *   demo only; with NODE_ENV=production the server refuses to start on it when contact
 *   confirmation is on.
 * - `http`: POSTs `{"to": "+84…", "text": "…"}` as JSON to SMS_GATEWAY_URL, with
 *   `Authorization: Bearer SMS_GATEWAY_TOKEN` when a token is set; any 2xx is success. A
 *   province whose gateway speaks another protocol puts a small adapter in front of it, or adds
 *   a sender here.
 */
export interface SmsSender {
  readonly kind: "log" | "http";
  send(to: string, text: string): Promise<void>;
}

export interface SmsLogger {
  info(obj: object, msg?: string): void;
}

/** "+84912345678" → "+8491*****78": enough for a developer to tell numbers apart. */
export function maskPhone(e164: string): string {
  if (e164.length < 7) return "***";
  return `${e164.slice(0, 5)}${"*".repeat(e164.length - 7)}${e164.slice(-2)}`;
}

export function logSmsSender(logger: SmsLogger): SmsSender {
  return {
    kind: "log",
    async send(to, text) {
      // Development only: the masked number and the message, so the developer can read the code.
      logger.info({ sms: { to: maskPhone(to), text } }, "SMS (not sent: no SMS_GATEWAY_URL)");
    },
  };
}

export function httpSmsSender(url: string, token: string | null, timeoutMs = 10_000): SmsSender {
  return {
    kind: "http",
    async send(to, text) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The sender the settings name (`config.sms`): the gateway, or the log where there is none. */
export function smsSender(settings: SmsSettings, logger: SmsLogger): SmsSender {
  return settings.gatewayUrl
    ? httpSmsSender(settings.gatewayUrl, settings.gatewayToken)
    : logSmsSender(logger);
}
