import Link from 'next/link';

export function NodesEmptyState() {
  return (
    <div className="card empty-state">
      <h2>No nodes yet</h2>
      <p>
        A cache host joins the fleet with a one-time enrollment token. Create one in Settings, then
        run the agent install command it shows on the host; the node appears here within seconds.
      </p>
      <Link href="/settings" className="button">
        Add a host in Settings
      </Link>
    </div>
  );
}
