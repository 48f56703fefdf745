import { uuid } from './uuid';

/**
 * A ticket secret: the hex of two random UUIDs, 244 random bits in 64 characters. It proves
 * authorship of one ticket to the server, which keeps only its hash; it never leaves this device
 * otherwise. Built on `uuid()`, which the sending code has anyway, so it costs nothing more. A
 * file apart from scope.ts, which the client's start uses: this one, and uuid(), load with the
 * sending code only.
 */
export function makeTicketSecret(): string {
  return (uuid() + uuid()).replace(/-/g, '');
}
