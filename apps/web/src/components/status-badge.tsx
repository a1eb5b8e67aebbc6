/** A coloured pill whose visible text is exactly the status word, so it reads without colour. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}
