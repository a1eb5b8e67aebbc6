/**
 * Where the console finds its monitoring stack. Every part is optional: without a Prometheus URL
 * the metrics router answers E_PROMETHEUS_NOT_CONFIGURED, without a rules file rules are stored
 * but not deployed, and so on. The web app builds this from its env.ts.
 */
export interface MonitoringConfig {
  prometheusUrl?: string | undefined;
  alertmanagerUrl?: string | undefined;
  /** The rules file Prometheus loads (its `rule_files`); the console rewrites it on every change. */
  rulesFile?: string | undefined;
  /** `promtool` binary used to validate rules before they replace the running ones. */
  promtoolBin?: string | undefined;
  /** The console's external URL, for links in notifications. */
  publicUrl?: string | undefined;
}
