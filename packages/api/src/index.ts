export { appRouter, createCaller, type AppRouter } from './root.js';
export {
  createContext,
  sessionCookieName,
  type Context,
  type ContextInput,
  type CookieJar,
} from './context.js';
export { ensureFirstAdmin, type FirstAdmin } from './first-admin.js';
export { nodeStatus, heartbeatStaleMs, type NodeStatus } from './node-status.js';
export { hashPassword, verifyPassword } from './security/passwords.js';
export type { RouterInputs, RouterOutputs } from './types.js';
export { issueEnrollmentToken, createEnrollmentTokenInput } from './routers/enrollment.js';
export { authorizeAgentDownload, type DownloadAccess } from './agent-downloads.js';
export type { MonitoringConfig } from './monitoring/config.js';
export { issueMonitoringToken, authorizeMonitoringToken } from './monitoring/tokens.js';
export { prometheusTargets, type TargetGroup } from './monitoring/discovery.js';
export { installDefaultRules } from './monitoring/rule-service.js';
export { exportRules, type RulesExport } from './monitoring/rules-export.js';
export { receiveAlertmanagerWebhook, type WebhookOutcome } from './monitoring/receive-alerts.js';
export { signBody, verifySignature, signatureHeader, timestampHeader } from './notify/signature.js';
export { createSealer, generateSecretKey, type Sealer } from './security/sealer.js';
export { requireSealer } from './security/require-sealer.js';
export type {
  AgentDataConfig,
  AgentDataNamespace,
  AgentDataApiKey,
  AgentDataCluster,
  AgentDataSource,
} from './namespaces/agent-config.js';
export { aclUserOf } from './namespaces/acl.js';
export { namespaceNamePattern } from './namespaces/policy.js';
export type { StepSpec, StepKind, NodeRef, SlotRange } from './fleet/step-spec.js';
export { stepSpec, slotCount } from './fleet/step-spec.js';
export { createCluster } from './fleet/create-cluster.js';
export { createClusterInput } from './fleet/cluster-inputs.js';
