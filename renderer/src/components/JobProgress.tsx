import type { JobInfo } from '../../../main/domain';
import { fmtNumber } from '../lib/format';

/**
 * A job's progress bar, its latest message and a Cancel button (Esc while focused). Counts are of work (a
 * comparison's simulated requests), so they are grouped by thousands.
 */
export function JobProgress({ job, what, onCancel }: { job: JobInfo; what: string; onCancel: () => void }) {
  const pct = job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : 0;
  const running = job.status === 'running';
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress" data-status={job.status}>
      <div className="job-line">
        <b>{what}</b>
        <span className="muted small job-message" title={job.message}>
          {running ? (job.total > 0 ? `${fmtNumber(job.done, 0)} of ${fmtNumber(job.total, 0)}` : 'starting…') : job.status}
          {job.message && running ? ` · ${job.message}` : ''}
        </span>
        {running && (
          <button type="button" className="btn btn-sm" onClick={onCancel} data-testid="job-cancel" data-tip="Stop it; nothing half-done is kept">
            Cancel
          </button>
        )}
      </div>
      <progress max={100} value={job.total > 0 ? pct : undefined} aria-label={`${what}: ${pct.toFixed(0)}%`} data-testid="job-bar" />
    </div>
  );
}
