import { z } from 'zod';

/** Redis Cluster hash slots are 0..16383. */
export const slotCount = 16_384;
const maxNodesPerStep = 1_000;

/** A cluster node as a step addresses it: its `nodes.id` and where its Redis listens. */
export const nodeRef = z.object({
  nodeId: z.uuid(),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
});

/** An inclusive range of hash slots. */
export const slotRange = z
  .object({
    start: z
      .number()
      .int()
      .min(0)
      .max(slotCount - 1),
    end: z
      .number()
      .int()
      .min(0)
      .max(slotCount - 1),
  })
  .refine((r) => r.start <= r.end, { error: 'a slot range starts at or before its end' });

const nodeList = z.array(nodeRef).min(1).max(maxNodesPerStep);
const rangeList = z.array(slotRange).min(1).max(slotCount);

/** One unit of work an agent executes against Redis; see the fleet contract for each kind. */
export const stepSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('await-nodes'), nodes: nodeList }),
  z.object({ kind: z.literal('meet'), nodes: nodeList }),
  z.object({
    kind: z.literal('assign-slots'),
    assignments: z
      .array(z.object({ node: nodeRef, ranges: rangeList }))
      .min(1)
      .max(maxNodesPerStep),
  }),
  z.object({ kind: z.literal('replicate'), replica: nodeRef, primary: nodeRef }),
  z.object({ kind: z.literal('await-cluster-ok'), nodes: nodeList }),
  z.object({
    kind: z.literal('migrate-slots'),
    from: nodeRef,
    to: nodeRef,
    ranges: rangeList,
    batchKeys: z.number().int().min(1).max(10_000),
  }),
  z.object({
    kind: z.literal('forget-node'),
    node: nodeRef,
    others: z.array(nodeRef).max(maxNodesPerStep),
  }),
  z.object({ kind: z.literal('failover'), replica: nodeRef, primary: nodeRef }),
  z.object({ kind: z.literal('repair-slots'), nodes: nodeList }),
  z.object({
    kind: z.literal('apply-config'),
    node: nodeRef,
    maxmemory: z.string().max(32).nullable(),
    maxmemoryPolicy: z.string().max(32).nullable(),
  }),
]);

export type NodeRef = z.infer<typeof nodeRef>;
export type SlotRange = z.infer<typeof slotRange>;
export type StepSpec = z.infer<typeof stepSpec>;
export type StepKind = StepSpec['kind'];
