import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { enrollAgents, type TestAgent } from '../../tests/fleet.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds())('agentFleet steps on %s', (kind) => {
  let h: Harness;
  let agents: TestAgent[];
  let idle: TestAgent;
  beforeAll(async () => {
    h = await startHarness(kind);
    agents = await enrollAgents(h, 3, 7101);
    const [spare] = await enrollAgents(h, 1, 7199);
    if (!spare) throw new Error('no idle agent');
    idle = spare;
  }, 180_000);
  afterAll(() => h.stop());

  const agent = (i: number) => {
    const a = agents[i];
    if (!a) throw new Error(`no agent ${i}`);
    return a.caller.agentFleet;
  };
  const claim = async (i: number, leaseMs?: number) => {
    const { step } = await agent(i).claimStep(leaseMs ? { leaseMs } : {});
    if (!step) throw new Error('nothing to claim');
    return step;
  };

  it('hands the cluster credential to member agents only', async () => {
    const op = await h.as.operator.clusters.create({
      name: 'steps',
      agentIds: agents.map((a) => a.id),
      replicas: 0,
    });
    expect(op).toMatchObject({ kind: 'create-cluster', status: 'running' });
    const desired = await agent(0).desiredState();
    expect(desired.cluster).toMatchObject({ name: 'steps', redisUsername: 'cachefleet' });
    expect(desired.cluster?.redisPassword).toMatch(/^cfr_/);
    expect(await idle.caller.agentFleet.desiredState()).toEqual({ cluster: null });
    expect(await idle.caller.agentFleet.claimStep({})).toEqual({ step: null });
  });

  it('runs steps in order, re-claims an expired lease with its checkpoint, ignores the stale executor', async () => {
    const first = await claim(0);
    expect(first).toMatchObject({ attempt: 1, spec: { kind: 'await-nodes' } });
    expect(first.credentials.username).toBe('cachefleet');
    // The next step waits for this one: nobody else can claim.
    expect((await agent(1).claimStep({})).step).toBeNull();
    await agent(0).reportStep({ stepId: first.id, attempt: 1, status: 'succeeded', progress: 1 });

    const meet = await claim(1, 500);
    const report = { stepId: meet.id, attempt: 1, status: 'running' as const, progress: 0.5 };
    expect(
      await agent(1).reportStep({ ...report, checkpoint: { met: 1 }, log: ['met one'] }),
    ).toEqual({
      leaseLost: false,
      cancelRequested: false,
    });
    await sleep(800);
    const again = await claim(2);
    expect(again).toMatchObject({ id: meet.id, attempt: 2, checkpoint: { met: 1 } });
    // The first executor's late report changes nothing.
    expect(
      await agent(1).reportStep({ ...report, status: 'succeeded', progress: 1 }),
    ).toMatchObject({
      leaseLost: true,
    });
    const op = await h.as.viewer.operations.get({ id: meet.operationId });
    expect(op.steps[1]).toMatchObject({ status: 'running', attempt: 2, log: ['met one'] });

    await agent(2).reportStep({ stepId: meet.id, attempt: 2, status: 'succeeded', progress: 1 });
    for (let i = 0; i < 2; i++) {
      const step = await claim(i);
      await agent(i).reportStep({
        stepId: step.id,
        attempt: step.attempt,
        status: 'succeeded',
        progress: 1,
      });
    }
    const done = await h.as.viewer.operations.get({ id: meet.operationId });
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
    expect(done.steps.every((s) => s.status === 'succeeded')).toBe(true);
    expect((await agent(0).claimStep({})).step).toBeNull();
  });

  it('fails the operation with the step error, then lets the next one start', async () => {
    const clusterId = (await agent(0).desiredState()).cluster?.id ?? '';
    const op = await h.as.operator.clusters.repair({ clusterId });
    const step = await claim(0);
    await agent(0).reportStep({
      stepId: step.id,
      attempt: 1,
      status: 'failed',
      progress: 0.2,
      error: 'CLUSTER SETSLOT refused',
    });
    const failed = await h.as.viewer.operations.get({ id: op.id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('CLUSTER SETSLOT refused');
    expect(failed.steps[1]?.status).toBe('cancelled');
    expect((await agent(0).claimStep({})).step).toBeNull();
  });

  it('cancels at once between steps, and via the executor while a step runs', async () => {
    const clusterId = (await agent(0).desiredState()).cluster?.id ?? '';
    const idleOp = await h.as.operator.clusters.repair({ clusterId });
    expect(await h.as.operator.operations.cancel({ id: idleOp.id })).toEqual({
      status: 'cancelled',
    });

    const op = await h.as.operator.clusters.repair({ clusterId });
    const step = await claim(1);
    expect(await h.as.operator.operations.cancel({ id: op.id })).toEqual({
      status: 'cancel-requested',
    });
    const report = { stepId: step.id, attempt: 1, progress: 0.5 };
    expect(await agent(1).reportStep({ ...report, status: 'running' })).toMatchObject({
      cancelRequested: true,
    });
    await agent(1).reportStep({ ...report, status: 'succeeded', progress: 1 });
    expect((await h.as.viewer.operations.get({ id: op.id })).status).toBe('cancelled');
    const audit = await h.as.admin.audit.list({});
    const actions = audit.map((e) => e.action);
    expect(actions).toContain('operation.cancel');
    expect(actions).toContain('operation.start');
  });

  it('hands a step to exactly one of several agents claiming at once', async () => {
    const clusterId = (await agent(0).desiredState()).cluster?.id ?? '';
    const op = await h.as.operator.clusters.repair({ clusterId });
    const claims = await Promise.all([0, 1, 2].map((i) => agent(i).claimStep({})));
    const winners = claims.filter((c) => c.step !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.step).toMatchObject({ operationId: op.id, attempt: 1 });
    expect(await h.as.operator.operations.cancel({ id: op.id })).toEqual({
      status: 'cancel-requested',
    });
  });

  it('lists operations newest first, page by page', async () => {
    const first = await h.as.viewer.operations.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const next = await h.as.viewer.operations.list({
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    const ids = [...first.items, ...next.items].map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(4);
  });
});
