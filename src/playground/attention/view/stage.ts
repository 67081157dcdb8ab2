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
  /** The heat maps' row, always the stage's last child once it has rendered. */
  readonly maps: HTMLElement;
  render(view: StepView): void;
}

export function createStage(renderTex: TexRenderer): Stage {
  const stage = element('div', 'attn-stage');
  const maps = element('div', 'attn-maps');
  return {
    element: stage,
    maps,
    render(view) {
      stage.dataset.step = view.id;
      maps.replaceChildren(...view.matrices.map(createHeatMap));
      stage.replaceChildren(
        element('p', 'attn-step-title', view.title),
        element('p', 'attn-step-text', view.explanation),
        renderTex(view.tex),
        maps,
      );
    },
  };
}
