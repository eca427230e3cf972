// Where a tooltip goes: below its element, left edges aligned, moved left and up as far as needed to stay
// inside the window (MARGIN px from each edge); above the element when there is no room below.
export interface Box { left: number; top: number; width: number; height: number }

const GAP = 4;
const MARGIN = 4;

export function placeTip(anchor: Box, tip: { width: number; height: number }, view: { width: number; height: number }): { left: number; top: number } {
  const left = Math.max(MARGIN, Math.min(anchor.left, view.width - MARGIN - tip.width));
  const below = anchor.top + anchor.height + GAP;
  const above = anchor.top - GAP - tip.height;
  const top = below + tip.height <= view.height - MARGIN || above < MARGIN ? below : above;
  return { left, top: Math.max(MARGIN, Math.min(top, view.height - MARGIN - tip.height)) };
}
