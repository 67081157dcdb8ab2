/**
 * The current step: its title, a sentence of explanation, the typeset formula and one heat map per
 * matrix (heads side by side). Rebuilt whole on every change; focus is in the controls or the
 * stepper then, never inside the stage.
 */
import { element } from '../../ui/dom';
import { createHeatMap } from './heat-map';
import type { StepView } from '../steps';
import type { TexRenderer } from './tex';

export interface Stage {
  readonly element: HTMLElement;
  render(view: StepView): void;
}

export function createStage(renderTex: TexRenderer): Stage {
  const stage = element('div', 'attn-stage');
  return {
    element: stage,
    render(view) {
      stage.dataset.step = view.id;
      const maps = element('div', 'attn-maps');
      maps.append(...view.matrices.map(createHeatMap));
      stage.replaceChildren(
        element('p', 'attn-step-title', view.title),
        element('p', 'attn-step-text', view.explanation),
        renderTex(view.tex),
        maps,
      );
    },
  };
}
