// One executor per step kind of the fleet contract.
import type { StepContext } from '../step-context.js';
import type { StepSpec } from '../step-types.js';
import { runApplyConfig } from './apply-config.js';
import { runAssignSlots } from './assign-slots.js';
import { runAwaitClusterOk } from './await-cluster-ok.js';
import { runAwaitNodes } from './await-nodes.js';
import { runFailover } from './failover.js';
import { runForgetNode } from './forget-node.js';
import { runMeet } from './meet.js';
import { runMigrateSlots } from './migrate-slots.js';
import { runRepairSlots } from './repair-slots.js';
import { runReplicate } from './replicate.js';

export function runStep(spec: StepSpec, ctx: StepContext): Promise<void> {
  switch (spec.kind) {
    case 'await-nodes':
      return runAwaitNodes(spec, ctx);
    case 'meet':
      return runMeet(spec, ctx);
    case 'assign-slots':
      return runAssignSlots(spec, ctx);
    case 'replicate':
      return runReplicate(spec, ctx);
    case 'await-cluster-ok':
      return runAwaitClusterOk(spec, ctx);
    case 'migrate-slots':
      return runMigrateSlots(spec, ctx);
    case 'forget-node':
      return runForgetNode(spec, ctx);
    case 'failover':
      return runFailover(spec, ctx);
    case 'repair-slots':
      return runRepairSlots(spec, ctx);
    case 'apply-config':
      return runApplyConfig(spec, ctx);
  }
}
