// Draws images/icon.png (128x128): a clipboard with a checklist on a blue tile.
// Run once with `node images/make-icon.mjs`; the PNG is committed. No dependencies.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 128;
const SS = 4; // supersampling per axis
const px = new Float64Array(S * S * 4);

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};

// Layers, painted in order: [test(x, y), [r, g, b]].
const layers = [
  [(x, y) => inRoundRect(x, y, 4, 4, 124, 124, 24), [31, 58, 95]],
  [(x, y) => inRoundRect(x, y, 30, 22, 98, 112, 8), [245, 247, 250]],
  [(x, y) => inRoundRect(x, y, 48, 14, 80, 32, 6), [120, 170, 230]],
];
const rows = [46, 68, 90];
rows.forEach((ry, i) => {
  const done = i < 2;
  layers.push([(x, y) => nearSegment(x, y, 62, ry, 88, ry, 6), [150, 160, 175]]);
  if (done) {
    layers.push([(x, y) => nearSegment(x, y, 39, ry, 45, ry + 6, 6) || nearSegment(x, y, 45, ry + 6, 55, ry - 6, 6), [46, 160, 90]]);
  } else {
    layers.push([(x, y) => inRoundRect(x, y, 39, ry - 7, 53, ry + 7, 3) && !inRoundRect(x, y, 43, ry - 3, 49, ry + 3, 1), [220, 120, 40]]);
  }
});

for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const fx = x + (sx + 0.5) / SS, fy = y + (sy + 0.5) / SS;
        let color = null;
        for (const [test, rgb] of layers) if (test(fx, fy)) color = rgb;
        if (color) { acc[0] += color[0]; acc[1] += color[1]; acc[2] += color[2]; acc[3] += 1; }
      }
    }
    const i = (y * S + x) * 4;
    const n = acc[3];
    px[i] = n ? acc[0] / n : 0; px[i + 1] = n ? acc[1] / n : 0; px[i + 2] = n ? acc[2] / n : 0; px[i + 3] = (255 * n) / (SS * SS);
  }
}

const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) {
  raw[y * (S * 4 + 1)] = 0;
  for (let x = 0; x < S * 4; x++) raw[y * (S * 4 + 1) + 1 + x] = Math.round(px[y * S * 4 + x]);
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${png.length} bytes`);
