import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MenuCommand } from '../../main/ipc/platform';
import type { GpuType } from '../../main/domain';
import { api, transport } from './api/client';
import { platform } from './api/platform';
import { ShellContext, type ConfirmOptions, type PromptOptions, type Shell } from './components/app-context';
import { DialogHost, type DialogRequest } from './components/Dialog';
import { KeysDialog } from './components/KeysDialog';
import { FirstRunGuide } from './components/FirstRun';
import { TipLayer } from './components/TipLayer';
import { ErrorBanner, type BannerError } from './components/ErrorBanner';
import { Nav } from './components/Nav';
import { Toasts, type Toast } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { VIEWS, viewFromHash, type ViewId } from './components/views';
import { AboutView } from './features/about/AboutView';
import { CalibrateView } from './features/calibrate/CalibrateView';
import { CompareView } from './features/compare/CompareView';
import { GpusView } from './features/gpus/GpusView';
import { HistoryView } from './features/history/HistoryView';
import { InventoriesView, type PendingCommand } from './features/inventories/InventoriesView';
import { ModelsView } from './features/models/ModelsView';
import { WorkloadsView } from './features/workloads/WorkloadsView';
import { exportRunPdf } from './features/report/ExportPdf';
import { ReportPage, reportRunIdFromHash } from './features/report/ReportPage';
import { saveTheme, storedTheme, systemTheme, type Theme } from './lib/theme';
import { asksForKeys } from './lib/shortcuts';

const TOAST_MS = 4000;

/** #/report/<runId> is a run's printable report: no nav, no top bar (features/report). */
export function App() {
  const reportRunId = reportRunIdFromHash(window.location.hash);
  return reportRunId !== null ? <ReportPage runId={reportRunId} /> : <AppShell />;
}

function AppShell() {
  const [view, setView] = useState<ViewId>(() => viewFromHash(window.location.hash));
  const [gpus, setGpus] = useState<GpuType[]>([]);
  const [banner, setBanner] = useState<BannerError | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const [keysOpen, setKeysOpen] = useState(false);
  const [theme, setTheme] = useState<Theme>(() => storedTheme() ?? systemTheme());
  const [pending, setPending] = useState<PendingCommand | null>(null);
  const [openRun, setOpenRun] = useState<{ id: number; seq: number } | null>(null);
  const dirty = useRef(false);
  const toastSeq = useRef(0);
  const commandSeq = useRef(0);
  const runOnScreen = useRef<number | null>(null);

  const reloadGpus = useCallback(async () => {
    try {
      setGpus(await api['catalog.gpus']({}));
    } catch (err) {
      setBanner({ doing: 'Loading the GPU catalog', error: err });
    }
  }, []);
  useEffect(() => void reloadGpus(), [reloadGpus]);

  const confirm = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setDialog({ kind: 'confirm', options, resolve })), []);
  const prompt = useCallback((options: PromptOptions) => new Promise<string | null>((resolve) => setDialog({ kind: 'prompt', options, resolve })), []);
  const confirmLeave = useCallback(async () => {
    if (!dirty.current) return true;
    const ok = await confirm({
      title: 'Discard unsaved pool edits?',
      body: 'The pools of this inventory have changes that are not saved. Leaving drops them; Cancel goes back so you can press Save pools.',
      confirmLabel: 'Discard edits',
      danger: true,
    });
    if (ok) dirty.current = false;
    return ok;
  }, [confirm]);

  const shell = useMemo<Shell>(
    () => ({
      gpus,
      gpusById: new Map(gpus.map((g) => [g.id, g])),
      reloadGpus,
      reportError: (doing, error) => setBanner({ doing, error }),
      clearError: () => setBanner(null),
      toast: (message) => {
        const id = ++toastSeq.current;
        setToasts((t) => [...t.slice(-3), { id, message }]);
        setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), TOAST_MS);
      },
      confirm,
      prompt,
      setDirty: (d) => {
        dirty.current = d;
      },
      confirmLeave,
      setRunOnScreen: (runId) => {
        runOnScreen.current = runId;
      },
    }),
    [gpus, reloadGpus, confirm, prompt, confirmLeave],
  );

  const go = useCallback(
    async (next: ViewId) => {
      if (next === view) return;
      if (view === 'inventories' && !(await confirmLeave())) return;
      setBanner(null);
      setView(next);
      window.history.replaceState(window.history.state, '', `#${next}`);
    },
    [view, confirmLeave],
  );

  // Menu commands and their browser shortcuts act on the inventory screen, so they bring it forward; except
  // Open (Ctrl/⌘+O), which opens this screen's kind of file on Workloads (a trace) and History (a scenario).
  useEffect(
    () =>
      platform.onMenuCommand((command: MenuCommand) => {
        if (command === 'app.about') return void go('about');
        if (command === 'report.export') {
          const runId = (view === 'compare' || view === 'history') ? runOnScreen.current : null;
          return runId !== null
            ? void exportRunPdf(shell, runId)
            : shell.toast('Nothing to export: open a finished run in Compare (Alt+5), or select one in History (Alt+6), then press Ctrl/⌘+E');
        }
        if (command === 'inventory.open' && (view === 'workloads' || view === 'history')) {
          return setPending({ command, seq: ++commandSeq.current });
        }
        if (view !== 'inventories') void go('inventories');
        setPending({ command, seq: ++commandSeq.current });
      }),
    [go, view, shell],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-8]$/.test(e.key)) {
        const target = VIEWS.find((v) => v.key === e.key);
        if (target) {
          e.preventDefault();
          void go(target.id);
        }
      } else if (!dialog && asksForKeys(e)) {
        e.preventDefault();
        setKeysOpen(true);
      } else if (e.key === 'Escape' && !dialog && banner) {
        setBanner(null);
      }
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [go, dialog, banner]);

  const title = VIEWS.find((v) => v.id === view)?.label ?? '';
  return (
    <ShellContext.Provider value={shell}>
      <div className="app">
        <Nav current={view} onSelect={(id) => void go(id)} />
        <div className="main">
          <TopBar title={title} theme={theme} transport={transport} onShowKeys={() => setKeysOpen(true)}
            onToggleTheme={() => { const next = theme === 'dark' ? 'light' : 'dark'; saveTheme(next); setTheme(next); }} />
          <ErrorBanner banner={banner} onDismiss={() => setBanner(null)} />
          <FirstRunGuide view={view} onGo={(v) => void go(v)} />
          <main className="content" id="content">
            {view === 'inventories' && <InventoriesView pending={pending} onHandled={() => setPending(null)} />}
            {view === 'catalog' && <GpusView />}
            {view === 'calibrate' && <CalibrateView />}
            {view === 'workloads' && <WorkloadsView pending={pending} onHandled={() => setPending(null)} />}
            {view === 'models' && <ModelsView />}
            {view === 'compare' && <CompareView openRun={openRun} />}
            {view === 'history' && (
              <HistoryView pending={pending} onHandled={() => setPending(null)}
                onOpenRun={(id) => { setOpenRun({ id, seq: ++commandSeq.current }); void go('compare'); }} />
            )}
            {view === 'about' && <AboutView />}
          </main>
        </div>
      </div>
      <Toasts toasts={toasts} />
      <TipLayer />
      <DialogHost request={dialog} onClose={() => setDialog(null)} />
      <KeysDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </ShellContext.Provider>
  );
}
