'use client';

import type { IdleAgent } from './fleet-types';

/** Checkboxes over the idle agents (those running no node), with where their Redis listens. */
export function AgentPicker(props: {
  agents: readonly IdleAgent[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  if (props.agents.length === 0) {
    return <p className="small muted">No idle agents: enroll more hosts on the Nodes page.</p>;
  }
  const toggle = (id: string, on: boolean) => {
    props.onChange(on ? [...props.chosen, id] : props.chosen.filter((c) => c !== id));
  };
  return (
    <fieldset className="plain-fieldset">
      <legend className="small">Idle agents</legend>
      <ul className="checkbox-list">
        {props.agents.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="checkbox"
                checked={props.chosen.includes(a.id)}
                disabled={!a.address || !a.redisPort}
                onChange={(e) => {
                  toggle(a.id, e.target.checked);
                }}
              />{' '}
              {a.name}{' '}
              <span className="mono small muted">
                {a.address && a.redisPort ? `${a.address}:${a.redisPort}` : 'not reported yet'}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
