/** The `knowledge` section of the config file: what the Knowledge Integrator asks each source for. */
import { z } from 'zod';

export const knowledgeSectionSchema = z.strictObject({
  query: z.string().min(1).default('bitcoin OR stocks OR gold OR forex'),
  subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]+$/, 'must be a subreddit name (letters, digits, _)')).min(1).default(['investing', 'CryptoCurrency', 'stocks']),
  github_query: z.string().min(1).default('trading bot'),
});
export type KnowledgeSection = z.infer<typeof knowledgeSectionSchema>;
