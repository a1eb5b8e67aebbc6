import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@cachefleet/api';

type Outputs = inferRouterOutputs<AppRouter>;

/** What `sdk.namespace` grants an API key: policy, Redis as its ACL user, and the agents. */
export type NamespaceAccess = Outputs['sdk']['namespace'];
export type NamespacePolicy = NamespaceAccess['policy'];
