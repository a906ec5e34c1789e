/**
 * Crypto history through ccxt from any exchange it knows (`--exchange ID`), paginated with
 * `since`: each page starts one timeframe after the last bar received, until `to` or until the
 * exchange has nothing newer. Rate limits: ccxt's own throttle is on, and a 429 (or ccxt's
 * DDoSProtection) waits for the Retry-After the exchange sent (else 2 s doubling), at most 5
 * times per page. `baseUrl` points every API URL of the exchange at a test server.
 */
import type { Exchange } from 'ccxt';
import { z } from 'zod';
import { describeError, NeoLightError } from '../../../core/errors.js';
import { ccxtSymbol } from '../../feeds/ccxt.js';
import type { Bar } from '../../../core/market.js';
import { timeframeMs } from '../timeframes.js';
import type { HistorySource } from './source.js';

export interface CcxtSourceOptions {
  readonly exchange: string;
  readonly baseUrl?: string;
  /** Bars asked for per request (the exchange's default when absent). */
  readonly pageLimit?: number;
  /** Minimum ms between requests for ccxt's throttle (the exchange's own when absent). */
  readonly rateLimitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each wait after a 429, with the wait in ms. */
  readonly onRetry?: (waitMs: number, attempt: number) => void;
}

const MAX_RETRIES = 5;
const MAX_WAIT_MS = 120_000;
const ohlcvSchema = z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number().nullable()]).rest(z.unknown()));

/** ccxt's unified symbol for a user's: BTC/USDT and BTC/USDT:USDT pass through, BTC-USD becomes BTC/USD. */
export function unifiedSymbol(symbol: string): string {
  return symbol.includes('/') ? symbol : ccxtSymbol(symbol);
}

/** Wait in ms a Retry-After header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' && typeof header !== 'number') return undefined;
  const s = String(header).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function isRateLimited(err: unknown): boolean {
  return err instanceof Error && (err.name === 'RateLimitExceeded' || err.name === 'DDoSProtection');
}

/** Point every URL in ccxt's `urls.api` tree at `baseUrl`, keeping each path. */
function rebase(api: unknown, baseUrl: string): unknown {
  if (typeof api === 'string') {
    const u = new URL(api);
    return new URL(u.pathname + u.search, baseUrl).href.replace(/\/$/, '');
  }
  if (api && typeof api === 'object') return Object.fromEntries(Object.entries(api).map(([k, v]) => [k, rebase(v, baseUrl)]));
  return api;
}

async function createExchange(opts: CcxtSourceOptions): Promise<Exchange> {
  const { default: ccxt } = await import('ccxt');
  if (!ccxt.exchanges.includes(opts.exchange)) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--exchange "${opts.exchange}" is not accepted: ccxt knows ${ccxt.exchanges.length} exchanges, e.g. binance, kraken, okx, bybit, coinbase`, {
      field: '--exchange', value: opts.exchange,
    });
  }
  const Ctor: unknown = Reflect.get(ccxt, opts.exchange);
  if (typeof Ctor !== 'function') throw new NeoLightError('NL_ERR_INTERNAL', `ccxt has no class for ${opts.exchange}`);
  const ex = Reflect.construct(Ctor, [{ enableRateLimit: true, ...(opts.rateLimitMs !== undefined ? { rateLimit: opts.rateLimitMs } : {}) }]) as Exchange;
  if (opts.baseUrl) ex.urls.api = rebase(ex.urls.api, opts.baseUrl) as Exchange['urls']['api'];
  return ex;
}

export function ccxtSource(opts: CcxtSourceOptions): HistorySource {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let exP: Promise<Exchange> | undefined;
  const exchange = (): Promise<Exchange> => (exP ??= createExchange(opts));
  return {
    exchange: opts.exchange,
    async fetchRange(symbol, timeframe, fromMs, toMs, onPage) {
      const ex = await exchange();
      const sym = unifiedSymbol(symbol);
      const step = timeframeMs(timeframe);
      let requests = 0;
      const page = async (since: number): Promise<unknown> => {
        for (let attempt = 1; ; attempt++) {
          requests++;
          try {
            return await ex.fetchOHLCV(sym, timeframe, since, opts.pageLimit);
          } catch (err) {
            if (!isRateLimited(err) || attempt > MAX_RETRIES) {
              throw new NeoLightError('NL_ERR_UPSTREAM', `${opts.exchange}: OHLCV ${sym} ${timeframe} since ${new Date(since).toISOString()} failed${attempt > 1 ? ` after ${attempt} attempts` : ''}: ${describeError(err)}`, {
                exchange: opts.exchange, symbol: sym,
              }, { cause: err });
            }
            const wait = Math.min(MAX_WAIT_MS, retryAfterMs(ex.last_response_headers?.['Retry-After']) ?? 2000 * 2 ** (attempt - 1));
            opts.onRetry?.(wait, attempt);
            await sleep(wait);
          }
        }
      };
      let since = fromMs;
      while (since < toMs) {
        const r = ohlcvSchema.safeParse(await page(since));
        if (!r.success) throw new NeoLightError('NL_ERR_UPSTREAM', `${opts.exchange}: unexpected OHLCV for ${sym}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        const bars: Bar[] = r.data
          .filter((row) => row[0] >= since && row[0] < toMs)
          .map((row) => ({ ts: row[0], open: row[1], high: row[2], low: row[3], close: row[4], volume: row[5] ?? 0 }));
        if (bars.length === 0) break;
        await onPage(bars);
        const next = (bars[bars.length - 1] as Bar).ts + step;
        if (next <= since) break;
        since = next;
      }
      return { requests };
    },
  };
}
