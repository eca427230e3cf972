import type { ApiError } from '../api/client';

/**
 * Shown instead of the app when the data behind it refuses this page (the host's token is missing or from an
 * earlier start): an empty inventory list and a red error would read as lost data. Nothing is lost.
 */
export function Locked({ error }: { error: ApiError }) {
  return (
    <main className="locked" data-testid="locked">
      <h1>fleetplan needs the link it printed</h1>
      <p>This page was opened without the access token of the running fleetplan, or with one from an earlier start. Your inventories, workloads and runs are untouched.</p>
      <p>Open the address that <code>npm start</code> (or <code>fleetplan serve</code>) printed in its terminal: it ends in <code>?token=…</code>, and it changes every time fleetplan starts.</p>
      <p className="muted small">{error.message}</p>
    </main>
  );
}
