// The step contract's types come from the control plane (types only: the agent never runs its code).
import type { StepKind, StepSpec } from '@cachefleet/api';

export type { NodeRef, SlotRange, StepKind, StepSpec } from '@cachefleet/api';
export type StepOf<K extends StepKind> = Extract<StepSpec, { kind: K }>;
