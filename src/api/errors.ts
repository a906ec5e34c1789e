/** JSON errors for every route: `{error: {code, message, reason?}}` with the NL_ERR_* code's HTTP status. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { NeoLightError } from '../core/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; reason?: string };
}

/** `reason` is a stable snake_case word for refusals a client may want to tell apart (e.g. `origin`). */
export function errorBody(code: string, message: string, reason?: string): ErrorBody {
  return { error: reason === undefined ? { code, message } : { code, message, reason } };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody('NL_ERR_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
  app.setErrorHandler((err: FastifyError | NeoLightError | Error, req, reply) => {
    if (err instanceof NeoLightError) return reply.code(err.httpStatus).send(errorBody(err.code, err.message));
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) return reply.code(status).send(errorBody('NL_ERR_BAD_INPUT', err.message));
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('NL_ERR_INTERNAL', 'internal error; see logs/dashboard_v3.log'));
  });
}
