import { useEffect, useRef } from 'react';
import { adviceFor, describeWhere, toApiError } from '../api/errors';

export interface BannerError {
  doing: string;
  error: unknown;
}

/** What went wrong, where (file, line, field) and what to do about it; stays until dismissed. */
export function ErrorBanner({ banner, onDismiss }: { banner: BannerError | null; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Bring the banner into view: the failing action may have been far down a long table.
    if (banner) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [banner]);
  if (!banner) return null;
  const err = toApiError(banner.error);
  const where = describeWhere(err);
  return (
    <div className="banner banner-error" role="alert" ref={ref} data-testid="error-banner">
      <div className="banner-body">
        <div className="banner-title">{banner.doing} failed</div>
        <div className="banner-message">{err.message}</div>
        {where && (
          <div className="banner-where">
            <span className="label">where</span> <code data-testid="error-where">{where}</code>
          </div>
        )}
        <div className="banner-advice">
          <span className="label">next</span> {adviceFor(err)}
        </div>
      </div>
      <button type="button" className="btn btn-ghost" onClick={onDismiss} aria-label="Dismiss error" title="Dismiss (Esc)">
        ✕
      </button>
    </div>
  );
}
