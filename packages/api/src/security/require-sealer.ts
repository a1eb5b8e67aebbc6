import type { Context } from '../context.js';
import { appError } from '../errors.js';
import type { Sealer } from './sealer.js';

/** The sealer, or a clear refusal naming the variable the console is missing. */
export function requireSealer(ctx: Pick<Context, 'sealer'>): Sealer {
  if (ctx.sealer) return ctx.sealer;
  throw appError(
    'PRECONDITION_FAILED',
    'E_SECRET_KEY_MISSING',
    'the console has no CACHEFLEET_SECRET_KEY, so it cannot store or read secrets',
  );
}
