/**
 * The attention explorer island: mount(root) builds the whole figure off-document, then puts it in,
 * so a failure (KaTeX not loading, say) leaves the root empty and islands.ts marks it failed. It goes
 * in a piece per animation frame, from the top down, so nothing already drawn moves: laid out all at
 * once the first time (its fonts, its tables), it cost a phone's main thread two to three frames'
 * budget of layout in the frame the reader scrolled it into view.
 */
import { createControls } from './controls';
import { element, frameByFrame } from '../../ui/dom';
import { compute, DEFAULT_SETTINGS, goToStep, INITIAL_STATE, stepIds, withSettings } from '../explorer';
import { heatMapPieces } from './heat-map';
import { createScalingTable } from './scaling-table';
import { createSeedFormulaPanel } from './seed-formula-panel';
import { createStage } from './stage';
import { createStepper } from './stepper';
import { describeStep } from '../steps';
import { loadTexRenderer } from './tex';

/** Element ids must stay unique if the figure is ever mounted twice on a page. */
let mounted = 0;

export async function mount(root: HTMLElement): Promise<void> {
  const renderTex = await loadTexRenderer();
  const id = `attention-explorer-${++mounted}`;
  let state = INITIAL_STATE;
  let computation = compute(state.settings);

  const controls = createControls(`${id}-control`, state.settings, (patch) => {
    state = withSettings(state, patch);
    computation = compute(state.settings);
    render(false);
  });
  const stepper = createStepper((step) => {
    const next = goToStep(state, step);
    if (next.step === state.step) return;
    state = next;
    render(true);
  });
  const stage = createStage(renderTex);
  const seedPanel = createSeedFormulaPanel(renderTex, `${id}-seed-formula`);

  let renders = 0;
  function render(announce: boolean): void {
    renders++;
    controls.update(computation);
    for (const part of [stepper.element, stage.element, seedPanel.element]) part.hidden = computation === null;
    if (!computation) return;
    const steps = stepIds(state.settings.heads);
    const view = describeStep(steps[state.step] ?? 'x', computation, state.settings);
    stage.render(view);
    stepper.update(state.step, steps.length, view.title, announce);
    seedPanel.update(computation);
  }

  const intro = element(
    'p',
    'attn-intro',
    '输入一句话，逐步查看 softmax(QKᵀ/√d_k + M)V 的每一步。向量由随机种子生成，只用来演示计算过程，不是真实模型的数值。',
  );
  const scalingTable = createScalingTable(DEFAULT_SETTINGS.seed);
  render(false);
  const explorer = element('div', 'attention-explorer');
  explorer.append(intro);
  // Pieces of at most about a third of a phone's frame budget each, the first time (new fonts and
  // font sizes are the costly part): the controls a row or two at a time, the stepper with the
  // stage's text and formula, then its heat maps a map and a few rows at a time. The parts already
  // in stay usable; a setting changed meanwhile re-renders the stage and its maps whole, and the
  // pieces of the maps it replaced are not put in.
  const rows = [...controls.element.children];
  controls.element.replaceChildren(...rows.splice(0, 1));
  const rendered = renders;
  const unchanged = () => renders === rendered;
  const maps = [...stage.maps.children] as HTMLElement[];
  const mapPieces = maps.flatMap((map) => [
    () => {
      if (!unchanged()) return;
      stage.maps.append(map);
      if (stage.maps.parentElement !== stage.element) stage.element.append(stage.maps);
    },
    ...heatMapPieces(map, unchanged),
  ]);
  stage.maps.replaceChildren();
  stage.maps.remove();
  await frameByFrame([
    () => root.replaceChildren(explorer),
    () => explorer.append(controls.element),
    () => controls.element.append(...rows.splice(0, 1)),
    () => controls.element.append(...rows.splice(0, 2)),
    () => controls.element.append(...rows),
    () => explorer.append(stepper.element, stage.element),
    ...mapPieces,
    () => explorer.append(seedPanel.element),
    () => explorer.append(scalingTable),
  ], root);
}
