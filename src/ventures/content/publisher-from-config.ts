/**
 * The content publisher the composition root hands the content agent: YouTube pieces go to the
 * YouTube Data API when its credentials are set (a refresh token with client id and secret, or a
 * fixed access token), every other platform — and YouTube without credentials — to the simulated
 * publisher. A backtest never publishes anything real. Half-set refresh credentials are a start-up
 * error naming the missing settings, never a silent fall-back to the simulator.
 */
import type { Config } from '../../config/config.js';
import { NeoLightError } from '../../core/errors.js';
import type { Publisher } from '../../core/publisher.js';
import { routedPublisher, simulatedPublisher } from './simulated-publisher.js';
import { fixedToken, refreshingToken } from './youtube-auth.js';
import { youtubePublisher } from './youtube.js';

type YouTubeSettings = Pick<Config, 'mode' | 'youtubeAccessToken' | 'youtubeClientId' | 'youtubeClientSecret' | 'youtubeRefreshToken' | 'youtubePrivacy' | 'youtubeBaseUrl' | 'youtubeTokenUrl'>;

function youtubeToken(c: YouTubeSettings): (() => Promise<string>) | undefined {
  const refresh = { YOUTUBE_CLIENT_ID: c.youtubeClientId, YOUTUBE_CLIENT_SECRET: c.youtubeClientSecret, YOUTUBE_REFRESH_TOKEN: c.youtubeRefreshToken };
  const set = Object.entries(refresh).filter(([, v]) => v !== undefined);
  if (set.length > 0 && set.length < 3) {
    const missing = Object.entries(refresh).filter(([, v]) => v === undefined).map(([k]) => k);
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `YouTube refresh-token publishing needs YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN; missing: ${missing.join(', ')}`, { missing });
  }
  if (c.youtubeClientId && c.youtubeClientSecret && c.youtubeRefreshToken) {
    return refreshingToken({ clientId: c.youtubeClientId, clientSecret: c.youtubeClientSecret, refreshToken: c.youtubeRefreshToken, ...(c.youtubeTokenUrl ? { tokenUrl: c.youtubeTokenUrl } : {}) });
  }
  return c.youtubeAccessToken ? fixedToken(c.youtubeAccessToken) : undefined;
}

export function contentPublisherFromConfig(c: YouTubeSettings): Publisher {
  const token = c.mode === 'backtest' ? undefined : youtubeToken(c);
  const real: Record<string, Publisher> = token ? { youtube: youtubePublisher({ token, privacy: c.youtubePrivacy, ...(c.youtubeBaseUrl ? { baseUrl: c.youtubeBaseUrl } : {}) }) } : {};
  return routedPublisher(real, simulatedPublisher());
}
