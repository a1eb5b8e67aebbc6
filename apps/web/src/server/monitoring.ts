import type { MonitoringConfig } from '@cachefleet/api';
import { getEnv } from '~/env';

/** The monitoring stack this console talks to, from the environment. */
export function getMonitoringConfig(): MonitoringConfig {
  const env = getEnv();
  return {
    prometheusUrl: env.PROMETHEUS_URL,
    alertmanagerUrl: env.ALERTMANAGER_URL,
    rulesFile: env.CACHEFLEET_RULES_FILE,
    promtoolBin: env.PROMTOOL_BIN,
    publicUrl: env.CACHEFLEET_PUBLIC_URL,
  };
}
