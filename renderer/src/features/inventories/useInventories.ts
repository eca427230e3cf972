// The inventory screen's state and actions: the list, the selected inventory, its pools being edited, and
// every call to the host. Components stay presentational.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Inventory, InventorySummary, Pool } from '../../../../main/domain';
import { api } from '../../api/client';
import { ApiError } from '../../api/errors';
import { platform } from '../../api/platform';
import { useShell } from '../../components/app-context';
import { plural } from '../../lib/format';
import { defaultPool } from './pool-defaults';
import { poolFieldFromPath, poolsEqual, validatePools, type PoolIssue } from './pool-validate';
import { nameRule } from '../../lib/name-rule';

function selectedFromHash(): number | null {
  const m = /^#\/?inventories\/(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

function writeHash(id: number | null) {
  const hash = id === null ? '#inventories' : `#inventories/${id}`;
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}

export function useInventories() {
  const shell = useShell();
  const [list, setList] = useState<InventorySummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(selectedFromHash);
  const [inventory, setInventory] = useState<Inventory | null>(null);
  const [draft, setDraft] = useState<Pool[]>([]);
  const [serverIssue, setServerIssue] = useState<PoolIssue | null>(null);
  const [busy, setBusy] = useState(false);

  const dirty = inventory !== null && !poolsEqual(draft, inventory.pools);
  const knownIds = useMemo(() => new Set(shell.gpus.map((g) => g.id)), [shell.gpus]);
  const issues = useMemo(() => {
    const own = validatePools(draft, knownIds);
    return serverIssue ? [...own, serverIssue] : own;
  }, [draft, knownIds, serverIssue]);

  useEffect(() => shell.setDirty(dirty), [dirty, shell]);

  const refreshList = useCallback(async () => {
    try {
      const items = await api['inventory.list']({});
      setList(items);
      return items;
    } catch (err) {
      shell.reportError('Loading inventories', err);
      setList((cur) => cur ?? []);
      return null;
    }
  }, [shell]);

  const load = useCallback(
    async (id: number | null) => {
      setSelectedId(id);
      writeHash(id);
      setServerIssue(null);
      if (id === null) {
        setInventory(null);
        setDraft([]);
        return;
      }
      try {
        const inv = await api['inventory.get']({ id });
        setInventory(inv);
        setDraft(inv.pools);
      } catch (err) {
        setInventory(null);
        setDraft([]);
        shell.reportError('Opening the inventory', err);
      }
    },
    [shell],
  );

  // First load: the list, then the inventory named in the address (or the first one). Once only, even
  // when the shell's catalog arrives later and the callbacks above are rebuilt.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void refreshList().then((items) => {
      if (!items) return;
      const wanted = selectedFromHash();
      const pick = items.find((i) => i.id === wanted) ?? items[0];
      void load(pick ? pick.id : null);
    });
  }, [refreshList, load]);

  const select = async (id: number) => {
    if (id === selectedId) return;
    if (!(await shell.confirmLeave())) return;
    await load(id);
  };

  /** Runs an action with the banner cleared first and set on failure; resolves undefined on failure. */
  const run = async <T,>(doing: string, action: () => Promise<T>, marksPoolCells = false): Promise<T | undefined> => {
    shell.clearError();
    setBusy(true);
    try {
      return await action();
    } catch (err) {
      shell.reportError(doing, err);
      // Only errors about the pools being edited point at table cells (an imported file's do not).
      if (marksPoolCells && err instanceof ApiError) {
        const cell = poolFieldFromPath(err.field);
        if (cell) setServerIssue({ index: cell.index, field: cell.field as PoolIssue['field'], message: err.message });
      }
      if (err instanceof ApiError && err.code === 'not_found') void refreshList();
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!(await shell.confirmLeave())) return;
    const name = await shell.prompt({ title: 'New inventory', label: 'Name', confirmLabel: 'Create', validate: nameRule });
    if (name === null) return;
    const inv = await run('Creating the inventory', () => api['inventory.create']({ name, pools: [] }));
    if (!inv) return;
    await refreshList();
    await load(inv.id);
    shell.toast(`Created “${inv.name}”: add its pools below`);
  };

  const rename = async (id: number) => {
    const current = list?.find((i) => i.id === id);
    const name = await shell.prompt({ title: 'Rename inventory', label: 'Name', initial: current?.name, confirmLabel: 'Rename', validate: nameRule });
    if (name === null || name === current?.name) return;
    const inv = await run('Renaming the inventory', () => api['inventory.rename']({ id, name }));
    if (!inv) return;
    await refreshList();
    if (inventory?.id === id) setInventory((cur) => (cur ? { ...cur, name: inv.name, updatedAt: inv.updatedAt } : cur));
    shell.toast(`Renamed to “${inv.name}”`);
  };

  const remove = async (id: number) => {
    const current = list?.find((i) => i.id === id);
    const ok = await shell.confirm({
      title: `Delete “${current?.name ?? id}”?`,
      body: `Its ${plural(current?.poolCount ?? 0, 'pool')} (${plural(current?.gpuCount ?? 0, 'GPU')}) are deleted with it. This cannot be undone; save it as a file first if you may want it back.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    const done = await run('Deleting the inventory', () => api['inventory.delete']({ id }));
    if (!done) return;
    const items = await refreshList();
    if (selectedId === id) {
      shell.setDirty(false);
      await load(items && items.length > 0 ? items[0].id : null);
    }
    shell.toast(`Deleted “${current?.name ?? id}”`);
  };

  const savePools = async (): Promise<boolean> => {
    if (!inventory) return false;
    const first = validatePools(draft, knownIds)[0];
    if (first) {
      shell.reportError(
        'Saving pools',
        new ApiError({ code: 'invalid_input', message: `pool ${first.index + 1} (“${draft[first.index].name}”): ${first.message}`, field: `pools[${first.index}].${first.field}` }),
      );
      return false;
    }
    const inv = await run('Saving pools', () => api['inventory.setPools']({ id: inventory.id, pools: draft }), true);
    if (!inv) return false;
    setInventory(inv);
    setDraft(inv.pools);
    setServerIssue(null);
    await refreshList();
    shell.toast(`Saved ${plural(inv.pools.length, 'pool')} of “${inv.name}”`);
    return true;
  };

  const revert = () => {
    if (inventory) setDraft(inventory.pools);
    setServerIssue(null);
  };

  const editPools = (next: Pool[]) => {
    setDraft(next);
    setServerIssue(null);
  };

  const addPool = (gpuTypeId?: string) => {
    const gpu = shell.gpusById.get(gpuTypeId ?? '') ?? shell.gpus[0];
    if (!gpu) return;
    editPools([...draft, defaultPool(gpu, draft.map((p) => p.name))]);
  };

  const exportAs = async (format: 'json' | 'yaml') => {
    if (!inventory) return;
    // The file is written from the store, so unsaved edits are saved first rather than silently left out.
    if (dirty && !(await savePools())) return;
    const file = await run('Exporting the inventory', () => api['inventory.export']({ id: inventory.id, format }));
    if (!file) return;
    const saved = await run('Saving the file', () => platform.saveTextFile(file));
    if (saved) shell.toast(`Saved ${file.fileName}`);
  };

  const openFile = async () => {
    if (!(await shell.confirmLeave())) return;
    shell.clearError();
    let file;
    try {
      file = await platform.openTextFile({ title: 'Open inventory file', extensions: ['json', 'yaml', 'yml'] });
    } catch (err) {
      shell.reportError('Opening the file', err);
      return;
    }
    if (!file) return;
    const picked = file;
    const inv = await run(`Opening ${picked.fileName}`, () => api['inventory.import'](picked));
    if (!inv) return;
    await refreshList();
    shell.setDirty(false);
    await load(inv.id);
    shell.toast(inv.duplicateOf
      ? `Imported “${inv.name}” from ${picked.fileName}: the same pools as “${inv.duplicateOf.name}”, already here, so this is a second copy`
      : `Imported “${inv.name}” from ${picked.fileName} (${plural(inv.pools.length, 'pool')})`);
  };

  return {
    list, selectedId, inventory, draft, dirty, issues, busy,
    select, create, rename, remove, savePools, revert, editPools, addPool, exportAs, openFile,
  };
}

export type InventoriesModel = ReturnType<typeof useInventories>;
