// What every page of the site does once it has been parsed, as one module. Each component with
// behaviour used to bring a script of its own, and with their imports the article made thirteen
// requests while its text was still arriving; under Lighthouse's mobile profile they held back
// its largest paint by about 270 ms. Now it is one file; what only some pages need (an island, the
// models page) still loads on its own, when it is needed. Each step finds its elements and does
// nothing on a page without them.
import { initThemeToggle } from './theme';
import { openContentsFromControl, trackCurrentSection } from './toc';
import { mountIslandsWhenNear } from './island-loaders';
import { enhanceCodeBlocks } from './copy-code';
import { enhanceCitations, linkBackToCitation } from './citations';
import { settleFragmentJumps } from './fragment-jumps';
import { followMovedAnchor } from './moved-anchors';
import { registerServiceWorker } from './service-worker';

function mountModelsPage(): void {
  const root = document.querySelector<HTMLElement>('[data-models-page]');
  if (root === null) return;
  void import('../playground/downloads/view/models-page').then((page) => page.mountModelsPage(root));
}

export function startPage(): void {
  initThemeToggle();
  const contents = document.getElementById('toc');
  trackCurrentSection(contents);
  mountIslandsWhenNear();
  mountModelsPage();
  enhanceCodeBlocks();
  enhanceCitations();
  linkBackToCitation();
  openContentsFromControl(contents, document.querySelector<HTMLAnchorElement>('#contents-control'));
  // After the citations: they give out ids (a citation's, #cite-12) that a jump may be to.
  settleFragmentJumps();
  void followMovedAnchor(contents);
  registerServiceWorker();
}
