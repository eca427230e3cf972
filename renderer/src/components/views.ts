// The screens of the left nav. Upcoming ones are listed now so the shell's layout and shortcuts do not move
// when they arrive; each says what it will do.
export type ViewId = 'inventories' | 'catalog' | 'workloads' | 'models' | 'compare' | 'history' | 'about';

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
  { id: 'workloads', label: 'Workloads', key: '3', upcoming: true },
  { id: 'models', label: 'Models', key: '4', upcoming: true },
  { id: 'compare', label: 'Compare', key: '5', upcoming: true },
  { id: 'history', label: 'History', key: '6', upcoming: true },
  { id: 'about', label: 'About', key: '7' },
];

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : 'inventories';
}
