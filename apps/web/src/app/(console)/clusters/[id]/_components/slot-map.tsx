'use client';

import { allSlots, formatRanges, type ClusterDetail } from '../../_components/fleet-types';
import '~/styles/fleet.css';

interface Segment {
  start: number;
  end: number;
  /** Index into the primaries, or null for slots no primary owns. */
  owner: number | null;
}

/** A distinct colour per primary, stable in slot order (golden-angle hues). */
export function primaryColour(index: number): string {
  return `hsl(${(index * 137.5 + 210) % 360} 62% 48%)`;
}

function segmentsOf(view: ClusterDetail): Segment[] {
  const owned = view.primaries
    .flatMap((p, owner) => p.slotRanges.map((r) => ({ ...r, owner })))
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let next = 0;
  for (const r of owned) {
    if (r.start > next) out.push({ start: next, end: r.start - 1, owner: null });
    out.push(r);
    next = Math.max(next, r.end + 1);
  }
  if (next < allSlots) out.push({ start: next, end: allSlots - 1, owner: null });
  return out;
}

/** The 16384 slots left to right: who owns which range, open slots outlined, gaps hatched. */
export function SlotMap({ view }: { view: ClusterDetail }) {
  const segments = segmentsOf(view);
  const open = new Set(view.openSlots.map((o) => o.slot));
  const uncovered = segments.filter((s) => s.owner === null);
  const isOpen = (s: Segment) => [...open].some((slot) => slot >= s.start && slot <= s.end);
  return (
    <section className="card" aria-labelledby="slot-map-heading" data-testid="slot-map">
      <div className="card-body">
        <h2 id="slot-map-heading" className="subheading">
          Slot map · {view.slotsCovered.toLocaleString('en-US')} of{' '}
          {allSlots.toLocaleString('en-US')} slots covered
        </h2>
        <div className="slot-map" role="img" aria-label="Slot ownership from slot 0 to 16383">
          {segments.map((s) => (
            <span
              key={s.start}
              className={`slot-segment${s.owner === null ? ' slot-segment-uncovered' : ''}${isOpen(s) ? ' slot-segment-open' : ''}`}
              style={{
                width: `${((s.end - s.start + 1) / allSlots) * 100}%`,
                background: s.owner === null ? undefined : primaryColour(s.owner),
              }}
              title={`${s.start}-${s.end}: ${s.owner === null ? 'uncovered' : (view.primaries[s.owner]?.agentName ?? '')}`}
            />
          ))}
        </div>
        <div className="slot-axis small muted" aria-hidden="true">
          <span>0</span>
          <span>8192</span>
          <span>16383</span>
        </div>
        <ul className="slot-legend small" aria-label="Slot owners">
          {view.primaries.map((p, i) => (
            <li key={p.id} data-testid="slot-legend-item">
              <span className="slot-swatch" style={{ background: primaryColour(i) }} />
              {p.agentName} · {p.slotCount.toLocaleString('en-US')} slots ·{' '}
              <span className="mono">{formatRanges(p.slotRanges)}</span>
            </li>
          ))}
          {uncovered.length > 0 ? (
            <li data-testid="slot-legend-uncovered">
              <span className="slot-swatch slot-swatch-uncovered" />
              uncovered: <span className="mono">{formatRanges(uncovered)}</span>
            </li>
          ) : null}
          {view.openSlots.length > 0 ? (
            <li data-testid="slot-legend-open">
              open (migrating/importing):{' '}
              <span className="mono">
                {view.openSlots.map((o) => `${o.slot} ${o.state}`).join(', ')}
              </span>
            </li>
          ) : null}
        </ul>
      </div>
    </section>
  );
}
