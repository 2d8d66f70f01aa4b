#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 256×256): a lens over a small service mesh, in plain Node — shapes as
// distance functions, 4×4 supersampling for smooth edges, written as a PNG with zlib. Run: node scripts/make-icon.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 256;
const SS = 4;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const BACKGROUND = [24, 38, 71];
const MESH = [94, 200, 255];
const NODE = [255, 255, 255];
const LENS = [255, 183, 77];

// The mesh: six services around one, and the links between them.
const center = [118, 118];
const nodes = [
  center,
  ...Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i - Math.PI / 2;
    return [center[0] + 58 * Math.cos(a), center[1] + 58 * Math.sin(a)];
  }),
];
const links = [
  ...Array.from({ length: 6 }, (_, i) => [0, i + 1]),
  ...Array.from({ length: 6 }, (_, i) => [i + 1, ((i + 1) % 6) + 1]),
];

function roundedRect(x, y, r) {
  const dx = Math.max(Math.abs(x - SIZE / 2) - (SIZE / 2 - r), 0);
  const dy = Math.max(Math.abs(y - SIZE / 2) - (SIZE / 2 - r), 0);
  return Math.hypot(dx, dy) <= r;
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** The colour at a point, or null where the icon is transparent. Later shapes paint over earlier ones. */
function colourAt(x, y) {
  if (!roundedRect(x, y, 44)) return null;
  let c = BACKGROUND;
  if (links.some(([a, b]) => segmentDistance(x, y, nodes[a], nodes[b]) < 4)) c = MESH;
  if (nodes.some(([nx, ny], i) => Math.hypot(x - nx, y - ny) < (i === 0 ? 15 : 11))) c = NODE;
  // The lens: a ring around the mesh and its handle.
  const r = Math.hypot(x - center[0], y - center[1]);
  if (r > 82 && r < 96) c = LENS;
  if (segmentDistance(x, y, [186, 186], [222, 222]) < 13) c = LENS;
  return c;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = 1 + x * 4;
    if (a) {
      row[o] = Math.round(r / a);
      row[o + 1] = Math.round(g / a);
      row[o + 2] = Math.round(b / a);
    }
    row[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
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
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(join(root, 'images'), { recursive: true });
writeFileSync(join(root, 'images', 'icon.png'), png);
console.log(`images/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
