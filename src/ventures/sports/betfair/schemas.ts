/** Zod schemas of the Betfair API-NG answers the connector reads (only the fields it uses). */
import { z } from 'zod';

export const marketCatalogue = z.array(
  z.object({
    marketId: z.string().min(1),
    marketStartTime: z.string(),
    event: z.object({ name: z.string() }).optional(),
    competition: z.object({ name: z.string() }).optional(),
    runners: z.array(z.object({ selectionId: z.number().int(), runnerName: z.string(), sortPriority: z.number().int() })),
  }),
);

const priceSize = z.object({ price: z.number(), size: z.number() });

export const marketBook = z.array(
  z.object({
    marketId: z.string().min(1),
    status: z.string(),
    inplay: z.boolean(),
    runners: z.array(z.object({ selectionId: z.number().int(), status: z.string(), ex: z.object({ availableToBack: z.array(priceSize).optional() }).optional() })),
  }),
);

export const placeReport = z.object({
  status: z.enum(['SUCCESS', 'FAILURE', 'PROCESSED_WITH_ERRORS']),
  errorCode: z.string().optional(),
  marketId: z.string().optional(),
  instructionReports: z
    .array(
      z.object({
        status: z.enum(['SUCCESS', 'FAILURE', 'TIMEOUT']),
        errorCode: z.string().optional(),
        betId: z.string().optional(),
        orderStatus: z.string().optional(),
        averagePriceMatched: z.number().optional(),
        sizeMatched: z.number().optional(),
      }),
    )
    .optional(),
});

export const cancelReport = z.object({
  status: z.enum(['SUCCESS', 'FAILURE', 'PROCESSED_WITH_ERRORS']),
  errorCode: z.string().optional(),
  instructionReports: z.array(z.object({ status: z.string(), errorCode: z.string().optional(), sizeCancelled: z.number().optional() })).optional(),
});

export const clearedOrders = z.object({
  clearedOrders: z.array(
    z.object({
      betId: z.string(),
      marketId: z.string().optional(),
      betOutcome: z.string().optional(),
      settledDate: z.string().optional(),
      profit: z.number().optional(),
      commission: z.number().optional(),
    }),
  ),
  moreAvailable: z.boolean(),
});
