// The screens of the left nav, in the planner's order of work; Alt+digit jumps to each.
export type ViewId = 'inventories' | 'catalog' | 'calibrate' | 'workloads' | 'models' | 'compare' | 'history' | 'about';

export interface ViewDef {
  id: ViewId;
  label: string;
  /** Single-key hint shown in the nav (Alt+digit jumps there). */
  key: string;
  upcoming?: boolean;
}

export const VIEWS: ViewDef[] = [
  { id: 'inventories', label: 'Inventories', key: '1' },
  { id: 'catalog', label: 'GPU catalog', key: '2' },
  // Beside the catalog whose GPU types it calibrates; key 8 so the other screens keep their Alt+digit.
  { id: 'calibrate', label: 'Calibrate', key: '8' },
  { id: 'workloads', label: 'Workloads', key: '3' },
  { id: 'models', label: 'Models', key: '4' },
  { id: 'compare', label: 'Compare', key: '5' },
  { id: 'history', label: 'History', key: '6' },
  { id: 'about', label: 'About', key: '7' },
];

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : 'inventories';
}
