/**
 * Every setting NeoLight reads from the environment: the specification's variables plus ours.
 * Each has a zod schema, a default where it has one, and a `secret` flag that keeps its value out
 * of every printout and log. The table is the single source for `doctor`, the docs and validation.
 */
import { z } from 'zod';
import { mode } from '../contracts/contract.js';

/**
 * Numbers from env text or a JSON config file. Unlike z.coerce.number(), blank text, null and
 * booleans are rejected rather than read as 0 or 1 (NEOLIGHT_SEED=" " must not mean seed 0).
 */
const numeric = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), schema);
const positiveNumber = numeric(z.number('must be a number').refine((n) => Number.isFinite(n) && n > 0, 'must be a number > 0'));
const port = numeric(z.number('must be a number').int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535'));
const seed = numeric(z.number('must be a number').int('must be a whole number').min(0, 'must be >= 0').max(2 ** 32 - 1, 'must be < 2^32'));
const secret = z.string().min(1, 'must not be empty');
/** A crash start for the simulator: ISO date-time text, kept as epoch ms. */
const crashAt = z.iso.datetime({ offset: true, error: 'must be an ISO date-time with offset, e.g. 2026-12-01T00:00:00Z' }).transform((s) => Date.parse(s));
/** Host names for the API's Host-header allow-list: "a,b" from env text, or an array from the config file; lower-cased. */
const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])$/, 'must be a host name or IP address without port or scheme (an IPv6 address in [brackets])');
/** An http(s) base URL, e.g. a fake server on 127.0.0.1 in tests or a regional endpoint. */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
/** The live venues NEOLIGHT_LIVE_VENUES may list. */
export const LIVE_VENUE_KINDS = ['ccxt', 'alpaca'] as const;
export type LiveVenueKind = (typeof LIVE_VENUE_KINDS)[number];
/** "ccxt,alpaca" from env text, or an array from the config file; duplicates dropped. */
const liveVenueList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v),
  z.array(z.enum(LIVE_VENUE_KINDS, `must list only ${LIVE_VENUE_KINDS.join(', ')}`)).min(1, 'must name at least one venue').transform((a) => [...new Set(a)]),
);
/** On/off switches: "1"/"true"/"0"/"false" from env text, or a JSON boolean from the config file. */
const onOff = z.preprocess((v) => (v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : v), z.boolean('must be 1, true, 0 or false'));
const hostList = z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((h) => h.trim() !== '') : v), z.array(hostName, 'must be a list of host names').min(1, 'must name at least one host'));

/** NEOLIGHT_STORE: a PostgreSQL URL (store/pg/store-url.ts parses it again, with the schema). */
const storeUrl = z.string().regex(/^postgres(?:ql)?:\/\/[^\s]+$/i, 'must be a postgres:// or postgresql:// URL');

export interface SettingSpec {
  env: string;
  key: string;
  schema: z.ZodType;
  accepted: string;
  default?: unknown;
  secret?: boolean;
  description: string;
  /** Optional integration this key enables (doctor lists integrations by it). */
  integration?: string;
}

export const SETTINGS = [
  { env: 'NEOLIGHT_HOME', key: 'home', schema: z.string().min(1), accepted: 'a directory path', default: './neolight-data', description: 'Data directory holding state/, runtime/ and logs/.' },
  { env: 'NEOLIGHT_STORE', key: 'store', schema: storeUrl, accepted: 'a postgres://user[:password]@host[:port]/database URL, optionally with ?schema=name (default schema neolight)', secret: true, description: 'Keep the state documents, ledgers, heartbeats and single-instance locks in PostgreSQL instead of files under state/ and runtime/ (docs/store.md); unset: the file store. Logs stay in the data directory.' },
  { env: 'NEOLIGHT_MODE', key: 'mode', schema: mode, accepted: 'backtest, sim, paper or live', default: 'sim', description: 'Run mode: which clock, market data and venues the composition root picks.' },
  { env: 'NEOLIGHT_TIME_SCALE', key: 'timeScale', schema: positiveNumber, accepted: 'a number > 0 (1 = real time)', default: 60, description: 'Market seconds per real second in sim mode; live mode always runs in real time (1).' },
  { env: 'NEOLIGHT_SIM_CRASH_AT', key: 'simCrashAt', schema: crashAt, accepted: 'an ISO date-time with offset, e.g. 2026-12-01T00:00:00Z (sim and backtest mode only)', description: 'The simulated market crashes from this market time (UTC day): equities −40 % and crypto −55 % over 21 days, then 70 % of the fall recovered over 120 days, in a stressed regime. For watching the drawdown guard, the capital governor and the hedge engine react; unset: no crash.' },
  { env: 'NEOLIGHT_SEED', key: 'seed', schema: seed, accepted: 'a whole number 0 to 4294967295', default: 42, description: 'Seed of the deterministic market and venue simulators.' },
  { env: 'NEOLIGHT_API_HOST', key: 'apiHost', schema: z.string().min(1), accepted: 'a host name or IP address', default: '127.0.0.1', description: 'Address the status API binds to; beyond loopback it requires NEOLIGHT_API_TOKEN.' },
  { env: 'NEOLIGHT_API_PORT', key: 'apiPort', schema: port, accepted: 'a port 1-65535', default: 8100, description: 'Port of the status API and dashboard.' },
  { env: 'NEOLIGHT_API_TOKEN', key: 'apiToken', schema: z.string().min(16, 'must be at least 16 characters'), accepted: 'a bearer token of 16+ characters', secret: true, description: 'Bearer token required by the API when bound beyond 127.0.0.1.' },
  { env: 'NEOLIGHT_API_TOKEN_LABEL', key: 'apiTokenLabel', schema: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be 1-64 letters, digits or _ . @ -'), accepted: '1-64 letters, digits or _ . @ - (e.g. alice)', default: 'api', description: 'Who the approval ledger names for decisions taken through the API with NEOLIGHT_API_TOKEN (the dashboard); the command line records cli.' },
  { env: 'NEOLIGHT_API_ALLOWED_HOSTS', key: 'apiAllowedHosts', schema: hostList, accepted: 'comma-separated host names or IP addresses without port or scheme (a JSON array in the config file), e.g. neolight.example,192.168.1.20', description: 'Extra names the API answers to in the Host header (DNS-rebinding defence); loopback names and NEOLIGHT_API_HOST are always accepted.' },
  { env: 'NEOLIGHT_ORCH_INTERVAL', key: 'orchInterval', schema: positiveNumber, accepted: 'seconds > 0', default: 300, description: 'Intelligence orchestrator heartbeat, in market seconds.' },
  { env: 'NEOLIGHT_STARTING_EQUITY', key: 'startingEquity', schema: positiveNumber, accepted: 'an amount in USD > 0', default: 10_000, description: 'Starting capital in USD.' },
  { env: 'NEOLIGHT_REPAIR_HOOK', key: 'repairHook', schema: z.string().min(1), accepted: 'a shell command', description: 'Command the guardian runs after 3 consecutive failures of an agent.' },
  { env: 'NEOLIGHT_LOG_LEVEL', key: 'logLevel', schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']), accepted: 'trace, debug, info, warn, error, fatal or silent', default: 'info', description: 'Log level.' },
  { env: 'NEOLIGHT_LOG_STDOUT', key: 'logStdout', schema: onOff, accepted: '1, true, 0 or false', default: false, description: 'Also write every log line as JSON to stdout (containers: the log shipper reads stdout); the guardian passes its agents\' lines through unchanged. The files under logs/ are written either way.' },
  { env: 'NEOLIGHT_AGENT_PROCESSES', key: 'agentProcesses', schema: z.enum(['shared', 'own'], 'must be shared or own'), accepted: 'shared or own', default: 'shared', description: 'How the guardian runs its agents. shared: the light agents together in three host processes (core, research, ventures) and the SmartTrader, the sports agents and the healthcare agent each in its own, about 0.6 GB for the default mesh; own: every agent in a process of its own, the most isolation (a hung or crashing agent takes no other with it) for about 1.4 GB. Each agent keeps its own restarts and backoff either way (docs/guardian.md, "Memory of the mesh").' },
  { env: 'NEOLIGHT_CONFIG', key: 'configFile', schema: z.string().min(1), accepted: 'a path to a JSON file', description: 'Optional config file (default: neolight.config.json in the data directory).' },
  { env: 'NEOLIGHT_LIVE_VENUES', key: 'liveVenues', schema: liveVenueList, accepted: `a comma-separated list of ${LIVE_VENUE_KINDS.join(', ')} (a JSON array in the config file)`, description: 'Live mode trades only on the venues listed here: ccxt for crypto, alpaca for US ETFs and equities. Each needs its keys.' },
  { env: 'NEOLIGHT_CCXT_EXCHANGE', key: 'ccxtExchange', schema: z.string().regex(/^[a-z0-9]+$/, 'must be a ccxt exchange id in lower case'), accepted: 'a ccxt exchange id in lower case, e.g. kraken', default: 'kraken', description: 'The crypto exchange the live ccxt venue trades on (the crypto quote feed reads Kraken).' },
  { env: 'CCXT_API_KEY', key: 'ccxtApiKey', schema: secret, accepted: 'an API key', secret: true, integration: 'ccxt', description: 'Live crypto venue: the exchange API key.' },
  { env: 'CCXT_SECRET', key: 'ccxtSecret', schema: secret, accepted: 'an API secret', secret: true, integration: 'ccxt', description: 'Live crypto venue: the exchange API secret.' },
  { env: 'CCXT_PASSWORD', key: 'ccxtPassword', schema: secret, accepted: 'an API passphrase', secret: true, description: 'Live crypto venue: the passphrase some exchanges require besides key and secret (not Kraken).' },
  { env: 'ALPACA_API_KEY_ID', key: 'alpacaApiKeyId', schema: secret, accepted: 'an API key id', secret: true, integration: 'alpaca', description: 'Live ETF venue: Alpaca API key id.' },
  { env: 'ALPACA_API_SECRET_KEY', key: 'alpacaApiSecretKey', schema: secret, accepted: 'an API secret key', secret: true, integration: 'alpaca', description: 'Live ETF venue: Alpaca API secret key.' },
  { env: 'ALPACA_BASE_URL', key: 'alpacaBaseUrl', schema: httpUrl, accepted: 'an http(s) URL, e.g. https://api.alpaca.markets', description: 'Alpaca Trading API endpoint (unset: the paper endpoint https://paper-api.alpaca.markets; set https://api.alpaca.markets for real money).' },
  { env: 'NEOLIGHT_YAHOO_BASE_URL', key: 'yahooBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'Send every Yahoo Finance request (quotes, bars) here instead of *.yahoo.com (a proxy or a test server).' },
  { env: 'NEOLIGHT_CCXT_BASE_URL', key: 'ccxtBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: "Send every request to the ccxt exchange here, public (quotes, bars) and private (the live venue's orders), instead of its own API host (a proxy or a test server)." },
  { env: 'TELEGRAM_BOT_TOKEN', key: 'telegramBotToken', schema: secret, accepted: 'a Bot API token', secret: true, integration: 'telegram', description: 'Telegram alerts: bot token.' },
  { env: 'TELEGRAM_CHAT_ID', key: 'telegramChatId', schema: z.string().min(1), accepted: 'a chat id', integration: 'telegram', description: 'Telegram alerts: chat id.' },
  { env: 'TWITTER_BEARER_TOKEN', key: 'twitterBearerToken', schema: secret, accepted: 'a bearer token', secret: true, integration: 'twitter', description: 'Knowledge integrator: Twitter/X API.' },
  { env: 'REDDIT_CLIENT_ID', key: 'redditClientId', schema: z.string().min(1), accepted: 'a client id', integration: 'reddit', description: 'Knowledge integrator: Reddit app id.' },
  { env: 'REDDIT_SECRET', key: 'redditSecret', schema: secret, accepted: 'a client secret', secret: true, integration: 'reddit', description: 'Knowledge integrator: Reddit app secret.' },
  { env: 'GITHUB_TOKEN', key: 'githubToken', schema: secret, accepted: 'a token', secret: true, integration: 'github', description: 'Knowledge integrator: GitHub API.' },
  { env: 'SHOPIFY_API_KEY', key: 'shopifyApiKey', schema: secret, accepted: 'an API key', secret: true, integration: 'shopify', description: 'Dropshipping: Shopify store access.' },
  { env: 'SHOPIFY_PASSWORD', key: 'shopifyPassword', schema: secret, accepted: 'an access token', secret: true, integration: 'shopify', description: 'Dropshipping: Shopify admin access token.' },
  { env: 'SHOPIFY_STORE_DOMAIN', key: 'shopifyStoreDomain', schema: z.string().regex(/^(https?:\/\/[^\s/]+|[a-z0-9][a-z0-9-]*\.myshopify\.com)$/, 'must be a shop domain such as my-shop.myshopify.com or an http(s) origin'), accepted: 'my-shop.myshopify.com or an http(s) origin (a proxy or a test server)', integration: 'shopify', description: 'Dropshipping: the store the Shopify Admin API connector lists on (paper/live mode, with SHOPIFY_PASSWORD as its access token).' },
  { env: 'BETFAIR_API_KEY', key: 'betfairApiKey', schema: secret, accepted: 'an application key', secret: true, integration: 'betfair', description: 'Sports betting: Betfair application key.' },
  { env: 'BETFAIR_USERNAME', key: 'betfairUsername', schema: secret, accepted: 'a Betfair account user name', secret: true, integration: 'betfair', description: 'Sports betting: Betfair account user name for the interactive login (live mode; with BETFAIR_API_KEY and BETFAIR_PASSWORD). Redacted like a secret: it is half of the login.' },
  { env: 'BETFAIR_PASSWORD', key: 'betfairPassword', schema: secret, accepted: 'a password', secret: true, integration: 'betfair', description: 'Sports betting: Betfair password.' },
  { env: 'BETFAIR_LOGIN_URL', key: 'betfairLoginUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'Betfair interactive login endpoint instead of https://identitysso.betfair.com/api/login (a regional endpoint such as identitysso.betfair.it, or a test server).' },
  { env: 'BETFAIR_BETTING_URL', key: 'betfairBettingUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'Betfair Exchange betting API root instead of https://api.betfair.com/exchange/betting/rest/v1.0 (a regional endpoint, or a test server).' },
  { env: 'SPORTRADAR_API_KEY', key: 'sportradarApiKey', schema: secret, accepted: 'an API key', secret: true, integration: 'sportradar', description: 'Sports data feeds.' },
  { env: 'STOCKX_API_KEY', key: 'stockxApiKey', schema: secret, accepted: 'an API key', secret: true, integration: 'stockx', description: 'Collectibles: the StockX Public API key. With STOCKX_ACCESS_TOKEN, in paper or live mode, the collectibles agent lists the references mapped in ventures.collectibles_agent.stockx_variants on StockX (docs/ventures.md).' },
  { env: 'STOCKX_ACCESS_TOKEN', key: 'stockxAccessToken', schema: secret, accepted: 'an OAuth 2.0 access token (audience gateway.stockx.com)', secret: true, integration: 'stockx', description: 'Collectibles: the StockX Public API bearer token, from the authorization-code flow at accounts.stockx.com (StockX requires it with STOCKX_API_KEY on every request).' },
  { env: 'STOCKX_BASE_URL', key: 'stockxBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'StockX Public API root (unset: https://api.stockx.com/v2; a proxy or a test server instead).' },
  { env: 'STUBHUB_CLIENT_ID', key: 'stubhubClientId', schema: z.string().min(1), accepted: 'an OAuth client id', integration: 'stubhub', description: 'Ticket arbitrage: the StubHub Seller API application id. With STUBHUB_CLIENT_SECRET, in paper or live mode, lots of the events mapped in ventures.ticket_arbitrage.stubhub_events are listed, repriced and sold on StubHub (docs/ventures.md).' },
  { env: 'STUBHUB_CLIENT_SECRET', key: 'stubhubClientSecret', schema: secret, accepted: 'an OAuth client secret', secret: true, integration: 'stubhub', description: 'Ticket arbitrage: the StubHub application secret, exchanged with STUBHUB_CLIENT_ID for client-credentials tokens (scopes read:sellerlistings, write:sellerlistings, read:sales).' },
  { env: 'STUBHUB_BASE_URL', key: 'stubhubBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'StubHub API root (unset: https://api.stubhub.net/v2; https://sandbox.api.stubhub.net/v2 for the sandbox, or a test server).' },
  { env: 'STUBHUB_TOKEN_URL', key: 'stubhubTokenUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'StubHub OAuth 2.0 token endpoint (unset: https://account.stubhub.com/oauth2/token; https://sandbox.account.stubhub.com/oauth2/token for the sandbox, or a test server).' },
  { env: 'EBAY_ACCESS_TOKEN', key: 'ebayAccessToken', schema: secret, accepted: 'an eBay OAuth User access token with the sell.inventory and sell.fulfillment scopes', secret: true, integration: 'ebay-token', description: 'Luxury goods: list the references mapped in ventures.luxury_agent.ebay on eBay (Sell Inventory and Fulfillment APIs, paper or live mode) with this User access token (it expires after about two hours; for a mesh that runs for days set the three refresh-token settings instead; docs/ventures.md).' },
  { env: 'EBAY_CLIENT_ID', key: 'ebayClientId', schema: z.string().min(1), accepted: 'an eBay App ID (Client ID)', integration: 'ebay', description: 'Luxury goods: eBay App ID, with EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN, to renew the User access token.' },
  { env: 'EBAY_CLIENT_SECRET', key: 'ebayClientSecret', schema: secret, accepted: 'an eBay Cert ID (Client Secret)', secret: true, integration: 'ebay', description: 'Luxury goods: eBay Cert ID (Client Secret) for the refresh-token exchange.' },
  { env: 'EBAY_REFRESH_TOKEN', key: 'ebayRefreshToken', schema: secret, accepted: 'an eBay OAuth refresh token from the authorization-code grant', secret: true, integration: 'ebay', description: 'Luxury goods: eBay refresh token (valid about 18 months); exchanged at /identity/v1/oauth2/token for User access tokens as they expire.' },
  { env: 'EBAY_BASE_URL', key: 'ebayBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'eBay REST API root for the Sell APIs and the OAuth token endpoint (unset: https://api.ebay.com; https://api.sandbox.ebay.com for the Sandbox, or a test server).' },
  { env: 'GOAT_API_KEY', key: 'goatApiKey', schema: secret, accepted: 'an API key', secret: true, integration: 'goat', description: 'Collectibles market data: GOAT.' },
  { env: 'YOUTUBE_ACCESS_TOKEN', key: 'youtubeAccessToken', schema: secret, accepted: 'an OAuth 2.0 access token with the youtube.upload scope', secret: true, integration: 'youtube-token', description: 'Content agent: publish approved videos to YouTube with this access token (it expires after about an hour; for a mesh that runs for days set the three refresh-token settings instead).' },
  { env: 'YOUTUBE_CLIENT_ID', key: 'youtubeClientId', schema: z.string().min(1), accepted: 'an OAuth client id', integration: 'youtube', description: 'Content agent: OAuth client id, with YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN, to refresh the YouTube access token.' },
  { env: 'YOUTUBE_CLIENT_SECRET', key: 'youtubeClientSecret', schema: secret, accepted: 'an OAuth client secret', secret: true, integration: 'youtube', description: 'Content agent: OAuth client secret for the refresh-token exchange.' },
  { env: 'YOUTUBE_REFRESH_TOKEN', key: 'youtubeRefreshToken', schema: secret, accepted: 'an OAuth refresh token with the youtube.upload scope', secret: true, integration: 'youtube', description: 'Content agent: OAuth refresh token; exchanged at the token endpoint for access tokens as they expire.' },
  { env: 'NEOLIGHT_YOUTUBE_PRIVACY', key: 'youtubePrivacy', schema: z.enum(['private', 'unlisted', 'public']), accepted: 'private, unlisted or public', default: 'private', description: 'Privacy status of videos the content agent uploads (private: a person makes them public in YouTube Studio).' },
  { env: 'NEOLIGHT_YOUTUBE_BASE_URL', key: 'youtubeBaseUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'Send YouTube upload requests here instead of https://www.googleapis.com (a proxy or a test server).' },
  { env: 'NEOLIGHT_YOUTUBE_TOKEN_URL', key: 'youtubeTokenUrl', schema: httpUrl, accepted: 'an http(s) URL', description: 'OAuth token endpoint for the refresh-token exchange instead of https://oauth2.googleapis.com/token (a test server).' },
] as const satisfies readonly SettingSpec[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
