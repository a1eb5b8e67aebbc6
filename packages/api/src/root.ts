import { agentDataRouter } from './routers/agent-data.js';
import { agentFleetRouter } from './routers/agent-fleet.js';
import { agentRouter } from './routers/agent.js';
import { alertRulesRouter } from './routers/alert-rules.js';
import { alertsRouter } from './routers/alerts.js';
import { apiKeysRouter } from './routers/api-keys.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { cacheRouter } from './routers/cache.js';
import { channelsRouter } from './routers/channels.js';
import { dataSourcesRouter } from './routers/data-sources.js';
import { clustersRouter } from './routers/clusters.js';
import { enrollmentRouter } from './routers/enrollment.js';
import { healthRouter } from './routers/health.js';
import { keysRouter } from './routers/keys.js';
import { metricsRouter } from './routers/metrics.js';
import { monitoringRouter } from './routers/monitoring.js';
import { namespacesRouter } from './routers/namespaces.js';
import { nodesRouter } from './routers/nodes.js';
import { operationsRouter } from './routers/operations.js';
import { sdkRouter } from './routers/sdk.js';
import { usersRouter } from './routers/users.js';
import { createCallerFactory, createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  agent: agentRouter,
  agentData: agentDataRouter,
  agentFleet: agentFleetRouter,
  alertRules: alertRulesRouter,
  alerts: alertsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  auth: authRouter,
  cache: cacheRouter,
  channels: channelsRouter,
  dataSources: dataSourcesRouter,
  clusters: clustersRouter,
  enrollment: enrollmentRouter,
  health: healthRouter,
  keys: keysRouter,
  metrics: metricsRouter,
  monitoring: monitoringRouter,
  namespaces: namespacesRouter,
  nodes: nodesRouter,
  operations: operationsRouter,
  sdk: sdkRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
