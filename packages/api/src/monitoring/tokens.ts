import {
  createMonitoringToken,
  useMonitoringToken,
  type Database,
  type MonitoringTokenPurpose,
} from '@cachefleet/db';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { generateSecret, hashSecret, secretPrefix } from '../security/secrets.js';

const prefixes: Record<MonitoringTokenPurpose, string> = {
  scrape: 'cfp_',
  alert_webhook: 'cfw_',
};

/** Creates a monitoring token; its secret is returned once and stored only as a hash. */
export async function issueMonitoringToken(
  ctx: Context,
  input: { purpose: MonitoringTokenPurpose; note: string },
) {
  const token = generateSecret(prefixes[input.purpose]);
  const info = await createMonitoringToken(ctx.db, {
    purpose: input.purpose,
    tokenHash: hashSecret(token),
    prefix: secretPrefix(token),
    note: input.note,
    createdBy: ctx.user?.id ?? null,
  });
  await audit(ctx, {
    action: 'monitoring_token.create',
    targetType: 'monitoring_token',
    targetId: info.id,
    details: { purpose: info.purpose, prefix: info.prefix },
  });
  return { ...info, token };
}

/** Whether `bearer` is a live token for `purpose` (Prometheus discovery or the alert webhook). */
export async function authorizeMonitoringToken(
  db: Database,
  purpose: MonitoringTokenPurpose,
  bearer: string | undefined,
): Promise<boolean> {
  if (!bearer?.startsWith(prefixes[purpose])) return false;
  return useMonitoringToken(db, purpose, hashSecret(bearer));
}
