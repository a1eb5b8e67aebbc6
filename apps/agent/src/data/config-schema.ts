// The agentData.config payload (data contract), parsed on arrival: the agent trusts the control
// plane, but a half-deployed console must not crash the data path with a shape it doesn't know.
import type { AgentDataConfig as ControlPlaneDataConfig } from '@cachefleet/api';
import { z } from 'zod';

const permission = z.enum(['read', 'read-write']);

const source = z.object({
  connectionString: z.string().min(1),
  table: z.string().min(1).max(63),
  keyColumn: z.string().min(1).max(63),
  valueColumn: z.string().min(1).max(63),
  versionColumn: z.string().min(1).max(63),
  valueType: z.enum(['jsonb', 'bytea']),
});

export const namespaceConfigSchema = z.object({
  name: z.string(),
  writeMode: z.enum(['write-through', 'write-behind', 'cache-aside']),
  ttlSeconds: z.number().positive(),
  softTtlSeconds: z.number().positive().nullable(),
  jitter: z.number().min(0).max(1),
  negativeTtlSeconds: z.number().nonnegative().nullable(),
  l1MaxEntries: z.number().int().nonnegative(),
  l1MaxBytes: z.number().int().nonnegative(),
  maxKeyBytes: z.number().int().positive(),
  maxValueBytes: z.number().int().positive(),
  tagsEnabled: z.boolean(),
  source: source.nullable(),
});

export const agentDataConfigSchema = z.object({
  cluster: z
    .object({
      id: z.string(),
      name: z.string(),
      nodes: z.array(z.object({ host: z.string(), port: z.number().int() })),
      username: z.string(),
      password: z.string(),
    })
    .nullable(),
  namespaces: z.array(namespaceConfigSchema),
  apiKeys: z.array(
    z.object({
      id: z.string(),
      prefix: z.string(),
      hash: z.string(),
      scopes: z.array(z.object({ namespace: z.string(), permission })),
      aclUser: z.string(),
      aclPassword: z.string(),
    }),
  ),
});

export type AgentDataConfig = z.infer<typeof agentDataConfigSchema>;
export type NamespaceConfig = z.infer<typeof namespaceConfigSchema>;
export type ClusterConfig = NonNullable<AgentDataConfig['cluster']>;
export type ApiKeyConfig = AgentDataConfig['apiKeys'][number];
export type Permission = z.infer<typeof permission>;

// The control plane's type must stay assignable to what the agent parses (types only: the agent
// never imports @cachefleet/api at run time).
type Assignable<T extends U, U> = T;
export type ControlPlaneConfigFits = Assignable<ControlPlaneDataConfig, AgentDataConfig>;
