/**
 * How secondary-market ticket prices move as an event approaches (pure): a multiple of face value
 * that drifts from its level far out (about face, a little above for wanted events) to its level at
 * the door — up to 2× face for a sold-out show, down to about half face for one nobody wants (sellers
 * dump unsold tickets in the last days). The curve relaxes with a 12-day time constant. A postponed
 * event loses part of its buyers (those who cannot make the new date). The event simulator draws
 * asks and buyers around this curve; the ticket agent uses it as its model of resale value.
 */
export const TIME_CONSTANT_DAYS = 12;
/** Share of resale value a postponement keeps. */
export const POSTPONED_FACTOR = 0.85;

/** Multiple of face value the secondary market pays `daysToEvent` days out, for demand in [0, 1]. */
export function priceMultiple(demand: number, daysToEvent: number, postponed = false): number {
  const d = Math.max(0, Math.min(1, demand));
  const atDoor = 0.55 + 1.45 * d;
  const farOut = 1.0 + 0.25 * d;
  const w = 1 - Math.exp(-Math.max(0, daysToEvent) / TIME_CONSTANT_DAYS);
  return (atDoor + (farOut - atDoor) * w) * (postponed ? POSTPONED_FACTOR : 1);
}
