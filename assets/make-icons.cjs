/**
 * Regenerates the ribbon / add-in icons (PNG) from inline SVG with the local Chromium:
 *   node assets/make-icons.cjs
 * One glyph per command on a coloured rounded square; sizes 16, 32, 64, 80, 128.
 */
const path = require('node:path');
const { chromium } = require('playwright-core');

const ICONS = [
  { name: 'icon', glyph: '阵', color: '#C00000' },
  { name: 'import', glyph: '导', color: '#2F5597' },
  { name: 'template', glyph: '模', color: '#548235' },
  { name: 'score', glyph: '评', color: '#BF8F00' },
  { name: 'ranking', glyph: '排', color: '#7030A0' },
  { name: 'rectify', glyph: '改', color: '#C55A11' },
];
const SIZES = [16, 32, 64, 80, 128];

function svg(glyph, color, size) {
  const r = Math.max(2, Math.round(size / 6));
  const font = Math.round(size * 0.72);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect x="0" y="0" width="${size}" height="${size}" rx="${r}" fill="${color}"/>
  <text x="50%" y="53%" dominant-baseline="middle" text-anchor="middle" fill="#fff"
    font-family="WenQuanYi Micro Hei, Microsoft YaHei, sans-serif" font-weight="bold" font-size="${font}">${glyph}</text>
</svg>`;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage();
  for (const icon of ICONS) {
    for (const size of SIZES) {
      if (icon.name !== 'icon' && size === 64) continue;
      if (icon.name !== 'icon' && size === 128) continue;
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(icon.glyph, icon.color, size)}</body></html>`);
      await page.screenshot({ path: path.join(__dirname, `${icon.name}-${size}.png`), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    }
  }
  await browser.close();
})();
