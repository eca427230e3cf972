import type { ReactNode } from 'react';

/** Title, subtitle (units, what the picture shows) and the chart: everything readable without hovering. */
export function ChartFrame({ title, subtitle, children, testId }: { title: string; subtitle?: string; children: ReactNode; testId?: string }) {
  return (
    <figure className="fp-chart" data-testid={testId} style={{ margin: 0 }}>
      <figcaption>
        <div className="fp-chart-title">{title}</div>
        {subtitle && <div className="fp-chart-sub">{subtitle}</div>}
      </figcaption>
      {/* Named by its caption; the drawing itself is not a tab stop nor read out tick by tick (the table beside it has the figures). */}
      <div aria-hidden="true">{children}</div>
    </figure>
  );
}
