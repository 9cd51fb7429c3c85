import { randomBytes } from 'node:crypto';

/** A fresh nonce for the webview's content security policy: 128 bits from the operating system's cryptographic source. */
export function createNonce(): string {
    return randomBytes(16).toString('base64');
}
