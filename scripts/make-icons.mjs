// Draws fleetplan's icon (a rounded tile with three GPU-rack bars of rising height) as a 512x512 PNG with
// nothing but zlib, so the icon set can be regenerated without image tools. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const TILE = { r: 112, from: [30, 64, 120], to: [18, 140, 150] };
const BARS = [
  { x: 120, w: 72, top: 300 },
  { x: 220, w: 72, top: 220 },
  { x: 320, w: 72, top: 140 },
];
const BAR_BOTTOM = 392;

function coverage(inside, x, y) {
  // 4x4 supersampling for smooth edges.
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}

function inRoundRect(px, py, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(px, x0 + r), x1 - r);
  const cy = Math.min(Math.max(py, y0 + r), y1 - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r && px >= x0 && px <= x1 && py >= y0 && py <= y1;
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const tile = coverage((px, py) => inRoundRect(px, py, 16, 16, 496, 496, TILE.r), x, y);
    const bar = coverage((px, py) => BARS.some((b) => inRoundRect(px, py, b.x, b.top, b.x + b.w, BAR_BOTTOM, 14)), x, y);
    const t = (x + y) / (2 * SIZE);
    const bg = TILE.from.map((c, k) => c + (TILE.to[k] - c) * t);
    const rgb = bg.map((c) => c + (245 - c) * bar);
    const o = (y * SIZE + x) * 4;
    rgba[o] = Math.round(rgb[0]);
    rgba[o + 1] = Math.round(rgb[1]);
    rgba[o + 2] = Math.round(rgb[2]);
    rgba[o + 3] = Math.round(255 * tile);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync('assets/icons/icon.png', png);

const svgBars = BARS.map((b) => `<rect x="${b.x}" y="${b.top}" width="${b.w}" height="${BAR_BOTTOM - b.top}" rx="14" fill="#f5f5f5"/>`).join('');
writeFileSync(
  'assets/icons/icon.svg',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${TILE.from})"/>` +
    `<stop offset="1" stop-color="rgb(${TILE.to})"/></linearGradient></defs>` +
    `<rect x="16" y="16" width="480" height="480" rx="${TILE.r}" fill="url(#g)"/>${svgBars}</svg>\n`,
);
console.log(`assets/icons/icon.png: ${png.length} bytes; assets/icons/icon.svg written`);
