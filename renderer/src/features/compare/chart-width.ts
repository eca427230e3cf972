// One width for every chart panel of a result, so they line up in rows (two a row in a 1440 px window, one in
// 1024) instead of 420, 440 and 540 px panels leaving ragged gaps; charts never measure their container.
export const CHART_WIDTH = 540;
