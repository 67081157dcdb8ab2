// What every page of the site does once it has been parsed, as one module. Each component with
// behaviour used to bring a script of its own, and with their imports the article made thirteen
// requests while its text was still arriving; under Lighthouse's mobile profile they held back
// its largest paint by about 270 ms. Now it is one file, which imports nothing (astro.config.mjs
// keeps Vite's dynamic-import helper in it); an island's code still loads on its own, when the
// reader nears it. Each step finds its elements and does nothing on a page without them.
import { initThemeToggle } from './theme';
import { openContentsFromControl, trackCurrentSection } from './toc';
import { mountIslandsWhenNear } from './island-loaders';
import { startedIslandsSettled } from './islands';
import { enhanceCodeBlocks } from './copy-code';
import { enhanceCitations, linkBackToCitation } from './citations';
import { settleFragmentJumps } from './fragment-jumps';
import { followMovedAnchor } from './moved-anchors';
import { registerServiceWorker } from './service-worker';
import { loadMathFontAfterPage } from './math-font';
import { layOutArticleAhead } from './lay-out-ahead';

export function startPage(): void {
  initThemeToggle();
  const contents = document.getElementById('toc');
  trackCurrentSection(contents);
  mountIslandsWhenNear();
  enhanceCodeBlocks();
  enhanceCitations();
  linkBackToCitation();
  openContentsFromControl(contents, document.querySelector<HTMLAnchorElement>('#contents-control'));
  // After the citations: they give out ids (a citation's, #cite-12) that a jump may be to.
  settleFragmentJumps();
  void followMovedAnchor(contents);
  registerServiceWorker(startedIslandsSettled);
  layOutArticleAhead(loadMathFontAfterPage());
}
