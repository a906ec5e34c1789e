/**
 * Our client order ids in the form each exchange accepts, deterministically, so a restarted
 * process derives the same venue id from the same order and finds the order it already sent.
 * Kraken takes a UUID (36 or 32 characters) or up to 18 characters of free text as `cl_ord_id`;
 * longer ids become a UUID-shaped digest of the id. Other exchanges get the id unchanged.
 */
import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_UUID = /^[0-9a-f]{32}$/i;
const FREE_TEXT = /^[A-Za-z0-9]{1,18}$/;

function krakenClientId(id: string): string {
  if (UUID.test(id) || SHORT_UUID.test(id) || FREE_TEXT.test(id)) return id;
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const RULES: Readonly<Record<string, (id: string) => string>> = { kraken: krakenClientId };

export function venueClientId(exchangeId: string, clientOrderId: string): string {
  const rule = RULES[exchangeId];
  return rule ? rule(clientOrderId) : clientOrderId;
}
