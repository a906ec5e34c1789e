/**
 * The mode a venture's ledger rows carry (pure): the mesh's mode, except that a simulated venue is
 * never booked as `live` — only real venues move real money, and the roll-up and dashboard count a
 * row as real only when its mode is live.
 */
import type { Mode } from '../../contracts/contract.js';

export function ledgerMode(meshMode: Mode, venueSimulated: boolean): Mode {
  return venueSimulated && meshMode === 'live' ? 'sim' : meshMode;
}
