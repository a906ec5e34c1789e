/**
 * The shapes of StubHub Seller API v2 answers the ticket connector reads, from StubHub's official
 * OpenAPI definitions (github.com/viagogo/stubhub-api-docs: static/openapi/inventory.json
 * `SellerListing`, `Money`; static/openapi/sales.json `Sales`, `Sale`, `SalesLinks`; the token answer
 * from docs/authentication/application-only-authentication-flow.mdx), reduced to the fields it uses;
 * every other field may be present. Money is `{amount: decimal number, currency_code}`; amounts
 * become integer cents here. Resources are HAL (`application/hal+json`): pages link to the next one.
 */
import { z } from 'zod';
import { toCents } from '../../core/venue.js';

/** `Money` with a known amount, in cents (currency kept: the agent books USD only). */
const stubhubMoney = z
  .object({ amount: z.number().finite().nonnegative(), currency_code: z.string().min(3) })
  .transform((m) => ({ cents: toCents(m.amount), currency: m.currency_code.toUpperCase() }));

/** `SellerListing`: every property is nullable in the definition, but a listing without its id is no answer to act on. */
export const stubhubListing = z.object({
  id: z.number().int().positive(),
  external_id: z.string().nullable().optional(),
  number_of_tickets: z.number().int().nullable().optional(),
  ticket_price: stubhubMoney.nullable().optional(),
  ticket_proceeds: stubhubMoney.nullable().optional(),
  created_at: z.string().nullable().optional(),
});
export type StubhubListing = z.infer<typeof stubhubListing>;

/** `Sale`: `status` is "a short localised string" with no documented values, so it is never interpreted; `proceeds` (what the seller will receive) is what the connector reads. */
const stubhubSale = z.object({
  id: z.number().int(),
  created_at: z.string().nullable().optional(),
  proceeds: stubhubMoney.nullable().optional(),
  number_of_tickets: z.number().int().nullable().optional(),
  status: z.string().nullable().optional(),
  external_listing_id: z.string().nullable().optional(),
});
export type StubhubSale = z.infer<typeof stubhubSale>;

const link = z.object({ href: z.string().nullable().optional() }).nullable().optional();

/** `Sales`: one page of sales, `_embedded.items`, and the HAL `next` link while there are more. */
export const stubhubSalesPage = z.object({
  total_items: z.number().int().nullable().optional(),
  page: z.number().int().nullable().optional(),
  page_size: z.number().int().nullable().optional(),
  _links: z.object({ next: link }).nullable().optional(),
  _embedded: z.object({ items: z.array(stubhubSale).nullable().optional() }).nullable().optional(),
});
export type StubhubSalesPage = z.infer<typeof stubhubSalesPage>;

/** The OAuth 2.0 token endpoint's answer (client credentials: no refresh token). */
export const stubhubToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be "bearer"'),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});

/** `Error`: `code` names the failure (validation_failed, insufficient_scope, invalid_seller_listing_action, ...). */
export const stubhubError = z.object({ code: z.string().nullable().optional(), message: z.string().nullable().optional(), errors: z.record(z.string(), z.array(z.string())).nullable().optional() });
