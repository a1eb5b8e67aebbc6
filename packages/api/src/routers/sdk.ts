import { z } from 'zod';
import { findClusterAccess, findNamespaceByName, type ClusterAccess } from '@cachefleet/db';
import { appError } from '../errors.js';
import { aclPasswordOf, aclUserOf } from '../namespaces/acl.js';
import { namespaceName } from '../namespaces/policy.js';
import { requireSealer } from '../security/require-sealer.js';
import { apiKeyProcedure, createTRPCRouter } from '../trpc.js';

/** An agent counts as serving while its heartbeats are this fresh. */
const agentFreshMs = 30_000;

function agentUrls(nodes: ClusterAccess['nodes'], now: number): { url: string }[] {
  return nodes.flatMap(({ agentAddress, agentPort, lastHeartbeatAt }) => {
    if (agentAddress === null || agentPort === null || lastHeartbeatAt === null) return [];
    if (now - lastHeartbeatAt.getTime() > agentFreshMs) return [];
    const host = agentAddress.includes(':') ? `[${agentAddress}]` : agentAddress;
    return [{ url: `http://${host}:${agentPort}` }];
  });
}

/** What a service's SDK needs to run a namespace in direct mode (data contract). */
export const sdkRouter = createTRPCRouter({
  namespace: apiKeyProcedure
    .input(z.object({ name: namespaceName }))
    .query(async ({ ctx, input }) => {
      // Scope first: a key learns nothing, not even existence, about namespaces outside it.
      const scope = ctx.apiKey.scopes.find((s) => s.namespace === input.name);
      if (!scope) {
        throw appError('FORBIDDEN', 'E_FORBIDDEN', `this API key has no scope on ${input.name}`);
      }
      const ns = await findNamespaceByName(ctx.db, input.name);
      if (!ns) throw appError('NOT_FOUND', 'E_UNKNOWN_NAMESPACE', `no namespace ${input.name}`);
      const access = await findClusterAccess(ctx.db, ns.clusterId);
      if (!access)
        throw appError('PRECONDITION_FAILED', 'E_NOT_READY', `no cluster for ${input.name}`);
      const sealer = requireSealer(ctx);
      return {
        name: ns.name,
        permission: scope.permission,
        policy: ns.policy,
        redis: {
          nodes: access.nodes.map(({ host, port }) => ({ host, port })),
          username: aclUserOf(ctx.apiKey.id),
          password: aclPasswordOf(sealer, ctx.apiKey.id),
        },
        agents: agentUrls(access.nodes, Date.now()),
      };
    }),
});
