// "Export PDF…" for a run: the button, the remembered paper size, and the call the Ctrl/⌘+E command shares.
import { useState } from 'react';
import type { ExportReportOptions } from '../../../../main/ipc/platform';
import { platform } from '../../api/platform';
import type { Shell } from '../../components/app-context';

type Paper = ExportReportOptions['paper'];
const PAPER_KEY = 'fleetplan.reportPaper';

export function storedPaper(): Paper {
  try {
    return localStorage.getItem(PAPER_KEY) === 'letter' ? 'letter' : 'a4';
  } catch {
    return 'a4'; // storage can be off (private windows, policies): A4 is the default anyway
  }
}

function savePaper(paper: Paper): void {
  try {
    localStorage.setItem(PAPER_KEY, paper);
  } catch {
    // not remembered: the choice still applies to this export
  }
}

/** Exports run `runId` as a PDF on the remembered paper; says what happened in a toast or the banner. */
export async function exportRunPdf(shell: Pick<Shell, 'toast' | 'reportError'>, runId: number, paper: Paper = storedPaper()): Promise<void> {
  try {
    const done = await platform.exportReportPdf({ runId, paper });
    if (platform.kind === 'browser') {
      shell.toast(done ? 'The report opened in a new tab: press Print / Save as PDF there' : 'The browser blocked the report’s tab: allow pop-ups for this page and try again');
    } else if (done) shell.toast('Saved the report as PDF');
  } catch (err) {
    shell.reportError(`Exporting run ${runId} as PDF`, err);
  }
}

/** The button and its paper choice; disabled until there is a finished run to print. */
export function ExportPdfButton({ shell, runId, disabledReason }: {
  shell: Pick<Shell, 'toast' | 'reportError'>;
  runId: number | null;
  /** Why there is nothing to export, as the tooltip; null when runId can be exported. */
  disabledReason?: string | null;
}) {
  const [paper, setPaper] = useState<Paper>(storedPaper);
  const disabled = runId === null || Boolean(disabledReason);
  return (
    <span className="export-pdf">
      <button type="button" className="btn" disabled={disabled} onClick={() => runId !== null && void exportRunPdf(shell, runId, paper)}
        data-testid="export-pdf" data-tip={disabledReason ?? 'Save this run’s report as a PDF: recommendation, table, charts, deployments (Ctrl/⌘+E)'}>
        Export PDF…
      </button>
      <select value={paper} aria-label="Paper size of the PDF" data-testid="export-paper" data-tip="Paper size of the PDF (remembered)"
        onChange={(e) => { const p = e.target.value as Paper; setPaper(p); savePaper(p); }}>
        <option value="a4">A4</option>
        <option value="letter">Letter</option>
      </select>
    </span>
  );
}
