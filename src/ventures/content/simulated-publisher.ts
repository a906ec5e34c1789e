/**
 * The simulated publisher (the default): nothing leaves the machine; each piece gets a stable
 * platform id derived from its own id, so a repeated publish of one piece answers the same, and
 * every result says `simulated: true`. `routedPublisher` sends each platform to its real connector
 * when one is configured and every other platform to the simulator.
 */
import type { Publisher } from '../../core/publisher.js';
import { hashId } from './audience.js';

export function simulatedPublisher(): Publisher {
  return {
    name: 'simulated',
    simulated: true,
    supports: () => true,
    needsMedia: () => false,
    publish(req) {
      const platformId = `sim-${hashId(`${req.platform}:${req.id}`).toString(36)}`;
      return Promise.resolve({ platformId, url: `https://simulated.invalid/${req.platform}/${platformId}`, simulated: true });
    },
  };
}

export function routedPublisher(real: Readonly<Record<string, Publisher>>, fallback: Publisher): Publisher {
  const pick = (platform: string): Publisher => real[platform] ?? fallback;
  return {
    name: Object.keys(real).length > 0 ? `${Object.keys(real).join('+')}+${fallback.name}` : fallback.name,
    simulated: Object.keys(real).length === 0 && fallback.simulated,
    supports: (platform) => pick(platform).supports(platform),
    needsMedia: (platform) => pick(platform).needsMedia(platform),
    publish: (req, progress) => pick(req.platform).publish(req, progress),
  };
}
