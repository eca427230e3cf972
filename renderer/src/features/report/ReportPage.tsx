// #/report/<runId>: a run as a printable document, without the app's nav and top bar. The printer (the CLI
// through Chromium, the app through printToPDF) waits for data-report-ready="true" on the root, or reads
// data-report-error when it is "error".
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, describeWhere } from '../../api/errors';
import { type ReportData, loadReport } from './load';
import { Assumptions, Charts, Comparison, Cover, Deployments, Inputs } from './sections';
import './report.css';

export { reportRunIdFromHash } from './route';

function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    const where = describeWhere(err);
    return where ? `${err.message} (${where})` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The paper Export PDF asked for (?paper=letter), as the print dialog names it. */
function paperFromSearch(search: string): string {
  return new URLSearchParams(search).get('paper') === 'letter' ? 'Letter' : 'A4';
}

export function ReportPage({ runId }: { runId: number }) {
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // Paper is white whatever the app's theme.
    document.documentElement.dataset.theme = 'light';
    document.body.classList.add('report-body');
    let live = true;
    loadReport(api, runId).then(
      (d) => {
        if (!live) return;
        document.title = `fleetplan report: ${d.run.name}`;
        setData(d);
      },
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
      document.body.classList.remove('report-body');
    };
  }, [runId]);

  // Ready once fonts are in and two frames have passed: the charts (recharts) settle their SVG in effects
  // after the first commit, and the printer must see the final picture.
  useEffect(() => {
    if (!data) return;
    let live = true;
    void document.fonts.ready.then(() =>
      requestAnimationFrame(() => requestAnimationFrame(() => live && setPainted(true))),
    );
    return () => {
      live = false;
    };
  }, [data]);

  const ready = data && painted ? 'true' : error ? 'error' : 'false';
  return (
    <div className="report" data-report-ready={ready} data-report-error={error ?? undefined}>
      {error && <p className="report-error" role="alert">The report of run {runId} cannot be made: {error}</p>}
      {!data && !error && <p className="report-note">Preparing the report of run {runId}…</p>}
      {data && (
        <>
          <div className="report-toolbar" data-testid="report-toolbar">
            {/* On screen only (hidden in print): in a browser the page is its own print preview. */}
            <span className="report-toolbar-hint">
              In the print dialog choose <b>Save as PDF</b> and paper <b>{paperFromSearch(window.location.search)}</b>.
            </span>
            <button type="button" onClick={() => window.print()} data-testid="report-print">Print / Save as PDF</button>
          </div>
          <Cover d={data} />
          <Inputs d={data} />
          <Comparison d={data} />
          <Charts d={data} />
          <Deployments d={data} />
          <Assumptions d={data} />
        </>
      )}
    </div>
  );
}
