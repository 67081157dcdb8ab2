// The deployment settings, read once from the environment at build time, shared by the Astro
// config and the scripts that serve and test the built site.

/** Normalises BASE_PATH ("qwen-vs-llama3", "/qwen-vs-llama3/", "") to "/qwen-vs-llama3/" or "/". */
export function basePath(raw = process.env.BASE_PATH ?? '/') {
  const trimmed = raw.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed && !/^[A-Za-z0-9._~\-/]+$/.test(trimmed)) {
    throw new Error(`BASE_PATH must be a URL path such as /qwen-vs-llama3/ (got "${raw}")`);
  }
  return trimmed ? `/${trimmed}/` : '/';
}

/** The public origin the site is published at; canonical URLs and the sitemap use it. */
export function siteUrl(raw = process.env.SITE_URL ?? 'http://127.0.0.1:4321') {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.github.io (got "${raw}")`);
  }
  return url.origin;
}

/** Where `npm start` and the browser tests serve the built site. */
export const previewHost = '127.0.0.1';
export const previewPort = Number(process.env.PORT ?? 4321);

/** The social card drawn at build time from the article's title (scripts/publish/images.mjs). */
export const socialImage = { file: 'social.png', width: 1200, height: 630 };

/** App icons drawn at build time; the web manifest (public/manifest.webmanifest) lists the same files. */
export const appIcons = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'apple-touch-icon.png', size: 180 },
];
