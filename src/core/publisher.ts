/**
 * The publisher port: where an approved content piece goes out — the simulated publisher by
 * default, the YouTube Data API connector when its settings exist. The agent owns the state: a
 * publisher reports the upload session it opened through `saveSession` before it sends bytes, and
 * is handed that session again on the next attempt, so a crash or a refused request (quota, auth)
 * never loses an upload and never starts a second copy of a video the platform already has.
 */

export interface PublishRequest {
  /** The piece's id (its folder under <home>/content/). */
  readonly id: string;
  readonly platform: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** The platform's category id (YouTube: 10 Music, 17 Sports, 27 Education). */
  readonly category?: string;
  /** The rendered media to upload (video or audio), absolute path; simulated publishers need none. */
  readonly mediaPath?: string;
  readonly thumbnailPath?: string;
}

export interface PublishResult {
  /** The platform's id of the published item (a YouTube video id). */
  readonly platformId: string;
  readonly url: string;
  readonly simulated: boolean;
}

export interface PublishProgress {
  /** A session opened by an earlier attempt (a resumable upload URI), to resume instead of starting over. */
  readonly session?: string;
  /** Called with a new session before any media byte is sent; the agent persists it. */
  saveSession(session: string): void;
}

export interface Publisher {
  readonly name: string;
  /** True when nothing reaches a real platform. */
  readonly simulated: boolean;
  /** Whether this publisher can publish to the platform (youtube, tiktok, instagram, spotify). */
  supports(platform: string): boolean;
  /** Whether a piece for this platform needs its rendered media file before it can be published. */
  needsMedia(platform: string): boolean;
  publish(req: PublishRequest, progress: PublishProgress): Promise<PublishResult>;
}
