// Raster images made at build time: the social card (Open Graph / Twitter) from the article's
// title, and the app icons. satori lays the text out and turns it into outlines, resvg paints
// the PNG, so no system font is involved and every machine draws the same pixels.
import { readFileSync } from 'node:fs';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';

// Noto Sans SC Bold cut down to ASCII and the title's characters (see og-font/make-subset.sh):
// a full CJK font is 16 MB, and the font packages on npm are far larger.
const font = {
  name: 'Noto Sans SC',
  data: readFileSync(new URL('./og-font/NotoSansSC-Bold-subset.otf', import.meta.url)),
  weight: 700,
  style: 'normal',
};

const colors = { bg: '#fdfdfc', fg: '#1c1e21', soft: '#4a4f57', accent: '#0b5cad', white: '#ffffff' };

const box = (style, children) => ({ type: 'div', props: { style: { display: 'flex', ...style }, children } });

async function toSvg(element, width, height) {
  const missing = [];
  const svg = await satori(element, {
    width,
    height,
    fonts: [font],
    loadAdditionalAsset: async (_language, segment) => {
      missing.push(segment);
      return [];
    },
  });
  return { svg, missing };
}

const toPng = (svg, width) =>
  new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render().asPng();

function card(title) {
  return box(
    { width: '100%', height: '100%', flexDirection: 'column', background: colors.bg, fontFamily: font.name },
    [
      box({ height: 24, background: colors.accent }),
      box({ flexDirection: 'column', justifyContent: 'center', flexGrow: 1, padding: '0 80px' }, [
        box({ fontSize: 60, lineHeight: 1.35, color: colors.fg }, title),
      ]),
      box({ justifyContent: 'space-between', alignItems: 'center', padding: '0 80px 56px', fontSize: 34, color: colors.soft }, [
        box({}, 'Qwen vs Llama 3'),
        box(
          { width: 96, height: 96, borderRadius: 18, background: colors.accent, color: colors.white, alignItems: 'center', justifyContent: 'center', fontSize: 40 },
          'Q/L',
        ),
      ]),
    ],
  );
}

/**
 * The social card, 1200×630 PNG. Falls back to the Latin title when the bundled font lacks a
 * character of `title` (a renamed article), and says so rather than drawing empty boxes.
 */
export async function socialCard(title, { width = 1200, height = 630, latinTitle = 'Qwen vs Llama 3' } = {}) {
  let { svg, missing } = await toSvg(card(title), width, height);
  if (missing.length) {
    console.warn(
      `social image: the bundled font lacks ${JSON.stringify(missing.join(''))}; drawing "${latinTitle}" instead ` +
        '(run scripts/publish/og-font/make-subset.sh to include the new title)',
    );
    ({ svg } = await toSvg(card(latinTitle), width, height));
  }
  return toPng(svg, width);
}

/** A square app icon: the favicon's Q/L mark, bled to the edges so it also survives a circular mask. */
export async function appIcon(size) {
  const element = box(
    {
      width: '100%',
      height: '100%',
      alignItems: 'center',
      justifyContent: 'center',
      background: colors.accent,
      color: colors.white,
      fontFamily: font.name,
      fontSize: size * 0.3,
    },
    'Q/L',
  );
  const { svg } = await toSvg(element, size, size);
  return toPng(svg, size);
}
