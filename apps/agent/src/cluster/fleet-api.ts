// The agentFleet calls the agent makes, as a small interface over the tRPC client so the loops
// below can be driven by a real control plane or by a test.
import type { RouterInputs, RouterOutputs } from '@cachefleet/api';
import { callTimeout, type ControlPlaneClient } from '../control-plane/client.js';

type Fleet = RouterOutputs['agentFleet'];
export type DesiredState = Fleet['desiredState'];
export type DesiredCluster = NonNullable<DesiredState['cluster']>;
export type ClaimedStep = NonNullable<Fleet['claimStep']['step']>;
export type ReportStepInput = RouterInputs['agentFleet']['reportStep'];
export type ReportTopologyInput = RouterInputs['agentFleet']['reportTopology'];

export interface FleetApi {
  desiredState(): Promise<DesiredState>;
  reportTopology(input: ReportTopologyInput): Promise<unknown>;
  /** `leaseMs` only in tests; agents take the control plane's default. */
  claimStep(leaseMs?: number): Promise<ClaimedStep | null>;
  reportStep(input: ReportStepInput): Promise<Fleet['reportStep']>;
}

export function fleetApi(client: ControlPlaneClient): FleetApi {
  const fleet = client.agentFleet;
  return {
    desiredState: () => fleet.desiredState.query(undefined, callTimeout()),
    reportTopology: (input) => fleet.reportTopology.mutate(input, callTimeout()),
    claimStep: async (leaseMs) =>
      (await fleet.claimStep.mutate(leaseMs === undefined ? {} : { leaseMs }, callTimeout())).step,
    reportStep: (input) => fleet.reportStep.mutate(input, callTimeout()),
  };
}
