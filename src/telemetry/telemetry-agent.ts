/**
 * Agent `telemetry`: writes `state/wealth_trajectory.json` from the equity curve and sends
 * Telegram alerts (drawdown tiers and halts, risk-governor state changes, guardian repairs) when
 * TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID are set. Sending is fire-and-forget: a tick never waits
 * on the network. Guardian repairs come from the optional `repairs` port (a function returning
 * `{agent, at, detail}[]`) that the composition root provides.
 */
import { z } from 'zod';
import { drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { performanceMetrics } from '../contracts/trading.js';
import { wealthTrajectory as wealthContract } from '../contracts/wealth.js';
import { MS, utcDay } from '../core/clock.js';
import { requirePort, type AgentDefinition } from '../core/agent.js';
import { riskSection } from '../risk/config.js';
import { readEquityCurve } from '../risk/sources.js';
import { dailyCloses } from '../research/stats.js';
import { pendingAlerts, type AlertCursor, type RepairEvent } from './alerts.js';
import { createTelegramNotifier, type TelegramNotifier } from './telegram.js';
import { wealthTrajectory } from './wealth.js';

const repairList = z.array(z.object({ agent: z.string(), at: z.string(), detail: z.string() }));

export const telemetryAgent: AgentDefinition = {
  name: 'telemetry',
  description: 'Wealth trajectory toward $1M in 24 months and Telegram alerts on drawdown tiers, halts and guardian repairs.',
  intervalMs: (config) => (riskSection(config).telemetry_interval ?? 60) * MS.second,
  consumes: [performanceMetrics, drawdownGuard, riskGovernor],
  produces: [wealthContract],
  needs: ['market'],
  create(ctx) {
    const { telegramBotToken: token, telegramChatId: chatId } = ctx.config;
    const apiRoot = ctx.ports.telegramApiRoot;
    const notifier: TelegramNotifier | undefined =
      token && chatId ? createTelegramNotifier({ token, chatId, ...(apiRoot ? { apiRoot } : {}), onError: (m) => ctx.log.warn(m) }) : undefined;
    const simulated = requirePort(ctx, 'market').simulated;
    const readRepairs = (): RepairEvent[] => {
      const parsed = repairList.safeParse(ctx.ports.repairs?.() ?? []);
      return parsed.success ? parsed.data : [];
    };
    // Start after everything already on record, so a restart does not resend history.
    const startIso = new Date(ctx.clock.now()).toISOString();
    const lastDd = ctx.store.get(drawdownGuard)?.events.at(-1)?.at;
    let cursor: AlertCursor = { drawdownAt: lastDd && lastDd > startIso ? lastDd : startIso, governorState: ctx.store.get(riskGovernor)?.trading_state ?? null, repairAt: startIso };
    if (!notifier) ctx.log.info('telegram alerts off: TELEGRAM_BOT_TOKEN/TELEGRAM_CHAT_ID not set');

    return {
      tick(now) {
        const curve = readEquityCurve(ctx.store, ctx.log);
        const days = dailyCloses(curve.points).map((p) => ({ date: utcDay(p.ts), wealth: p.equity }));
        ctx.store.write(wealthContract, wealthTrajectory(days, ctx.config.startingEquity, curve.dailyReturns, { simulated, nowMs: now, seed: ctx.config.seed }));

        const dd = ctx.store.get(drawdownGuard);
        const out = pendingAlerts(cursor, dd?.events ?? [], ctx.store.get(riskGovernor), readRepairs(), simulated);
        cursor = out.cursor;
        for (const m of out.messages) {
          ctx.log.warn({ alert: m }, 'alert');
          notifier?.notify(m);
        }
      },
      async stop() {
        if (!notifier) return;
        await Promise.race([notifier.flush(), new Promise((r) => setTimeout(r, 2000).unref())]);
        notifier.close();
      },
    };
  },
};
