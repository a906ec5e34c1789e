/**
 * The typed ports an agent may be handed by its composition root (mesh, backtest, CLI, tests).
 * Each agent names the ports it needs in its definition; the runtime refuses to start an agent
 * whose needed port is missing, so no agent ever falls back to a simulator on its own.
 */
import type { BettingExchange } from './betting.js';
import type { Marketplace } from './marketplace.js';
import type { MarketData } from './market.js';
import type { WalkForward } from './tuning.js';
import type { Publisher } from './publisher.js';
import type { Venue } from './venue.js';

/** A repair the guardian ran after an agent's third consecutive failure. */
export interface RepairEvent {
  agent: string;
  at: string;
  detail: string;
}

/** Base URLs of the knowledge sources (tests point them at a fake server on 127.0.0.1). */
export interface KnowledgeUrls {
  github?: string;
  redditAuth?: string;
  redditApi?: string;
  twitter?: string;
}

export interface AgentPorts {
  /** Quotes and bars: the simulator, live feeds, or history. */
  readonly market?: MarketData;
  /** Symbols the weights bridge and allocator accept. */
  readonly universe?: readonly string[];
  /** Where orders go: the paper broker, a backtest venue, or a live venue. */
  readonly venue?: Venue;
  /** The scheduled tuner's walk-forward runs, backed by the backtest engine. */
  readonly walkForward?: WalkForward;
  /** A commerce venture's marketplace: its simulator, or a real connector (one per venture agent). */
  readonly marketplace?: Marketplace;
  /** The guardian's repairs, for alerts. */
  readonly repairs?: () => readonly RepairEvent[];
  /** Telegram Bot API root (default https://api.telegram.org). */
  readonly telegramApiRoot?: string;
  readonly knowledgeUrls?: KnowledgeUrls;
  /** Where approved content pieces are published: the simulated publisher, or YouTube when configured. */
  readonly publisher?: Publisher;
  /** Sports markets, bets and settlements: the simulated books, or Betfair Exchange in live mode. */
  readonly betting?: BettingExchange;
}

export type PortName = keyof AgentPorts;

/** The ports of `needs` that `ports` lacks (pure; the runtime turns a non-empty list into a start-up error). */
export function missingPorts(ports: AgentPorts, needs: readonly PortName[]): PortName[] {
  return needs.filter((n) => ports[n] === undefined);
}
