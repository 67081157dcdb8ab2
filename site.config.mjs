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

/** Where `npm start` and the browser tests serve the built site. */
export const previewHost = '127.0.0.1';
export const previewPort = Number(process.env.PORT ?? 4321);
/** The origin a build gets when nothing says where it will be published: fine locally, wrong anywhere else. */
export const localOrigin = `http://${previewHost}:${previewPort}`;

function origin(raw, variable) {
  try {
    return new URL(raw).origin;
  } catch {
    throw new Error(`${variable} must be an absolute URL such as https://example.github.io (got "${raw}")`);
  }
}

/**
 * The public origin the site is published at (canonical URLs, the sitemap, robots.txt, the social
 * card) and the variable it came from. SITE_URL wins; without it, the host's own build variables:
 * - Netlify sets NETLIFY=true, CONTEXT (production, deploy-preview, branch-deploy…), URL (the
 *   site's main address) and DEPLOY_PRIME_URL (the primary address of an individual deploy or a
 *   group of them, such as a branch's) (docs.netlify.com, "Build environment variables"). Outside
 *   the production context DEPLOY_PRIME_URL is used, so a deploy preview links to itself and not
 *   to the live site.
 * - Cloudflare Pages sets CF_PAGES=1 and CF_PAGES_URL, the URL of the current deployment
 *   (developers.cloudflare.com/pages/configuration/build-configuration, "Environment variables").
 *   That is a per-deployment address (https://<hash>.<project>.pages.dev): set SITE_URL to the
 *   production domain so production pages name it.
 * With none of these, `from` is null and the origin is the local preview's.
 */
export function publicSite(env = process.env) {
  if (env.SITE_URL) return { origin: origin(env.SITE_URL, 'SITE_URL'), from: 'SITE_URL' };
  if (env.NETLIFY === 'true') {
    const variable = env.CONTEXT === 'production' || !env.DEPLOY_PRIME_URL ? 'URL' : 'DEPLOY_PRIME_URL';
    if (env[variable]) return { origin: origin(env[variable], variable), from: variable };
  }
  if (env.CF_PAGES === '1' && env.CF_PAGES_URL) {
    return { origin: origin(env.CF_PAGES_URL, 'CF_PAGES_URL'), from: 'CF_PAGES_URL' };
  }
  return { origin: localOrigin, from: null };
}

/** The public origin the site is published at; canonical URLs and the sitemap use it. */
export function siteUrl(env = process.env) {
  return publicSite(env).origin;
}

/**
 * What a build should tell its maintainer about the origin it used, or null when there is nothing
 * to say: a build with no public origin would publish links to this machine.
 */
export function siteUrlWarning(site = publicSite()) {
  if (site.from === null) {
    return (
      `No public site URL: canonical links, the sitemap, robots.txt and the social card point at ${site.origin}. ` +
      'Set SITE_URL to the address the site is published at (e.g. SITE_URL=https://example.github.io npm run build); ' +
      'on Netlify and Cloudflare Pages the build reads URL / DEPLOY_PRIME_URL or CF_PAGES_URL by itself.'
    );
  }
  if (site.from === 'CF_PAGES_URL') {
    return `Site URL ${site.origin} comes from CF_PAGES_URL, this deployment's own address; set SITE_URL to the production domain for production builds.`;
  }
  return null;
}

/** The social card drawn at build time from the article's title (scripts/publish/images.mjs). */
export const socialImage = { file: 'social.png', width: 1200, height: 630 };

/**
 * Icons drawn at build time: the tab's icon, then the app icons the web manifest
 * (public/manifest.webmanifest) lists. The tab's icon is a PNG: Chromium decodes the page's icon on
 * the page's main thread, and an SVG one is a document of its own to build and lay out, 70 ms or
 * more at full CPU while the page loads.
 */
export const favicon = { file: 'favicon-32.png', size: 32 };
export const appIcons = [
  favicon,
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'apple-touch-icon.png', size: 180 },
];
