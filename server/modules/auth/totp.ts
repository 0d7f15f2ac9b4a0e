import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer = "Đồng Thuận"): string {
  return generateURI({ issuer, label: account, secret });
}

/** Accepts the current 30-second code and its neighbours, for clocks a little out of step. */
export function checkTotp(secret: string, code: string): boolean {
  try {
    return verifySync({ secret, token: code, epochTolerance: 30 }).valid;
  } catch {
    return false;
  }
}

export function currentTotp(secret: string): string {
  return generateSync({ secret });
}
