/**
 * Previous / Next through the computation, with a visible counter and a polite live region that
 * announces each new step. The arrow keys (and Home / End) work while focus is anywhere in the
 * stepper. At either end the button is only aria-disabled: a disabled button would drop keyboard
 * focus onto the page body.
 */
import { element } from '../../ui/dom';

export interface Stepper {
  readonly element: HTMLElement;
  /** `announce`: say the step aloud; false when the step only changed because a setting did. */
  update(step: number, total: number, title: string, announce: boolean): void;
}

export function createStepper(onGoTo: (step: number) => void): Stepper {
  let current = 0;
  let last = 0;

  const container = element('div', 'attn-stepper-wrap');
  const group = element('div', 'attn-stepper');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', '计算步骤（可用左右方向键切换）');
  const previous = element('button', 'button', '← 上一步');
  const next = element('button', 'button button-primary', '下一步 →');
  previous.type = 'button';
  next.type = 'button';
  previous.dataset.action = 'previous';
  next.dataset.action = 'next';
  const counter = element('span', 'attn-step-counter');
  const live = element('p', 'visually-hidden');
  live.setAttribute('aria-live', 'polite');

  previous.addEventListener('click', () => onGoTo(current - 1));
  next.addEventListener('click', () => onGoTo(current + 1));
  group.addEventListener('keydown', (event) => {
    const targets: Record<string, number> = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: last };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onGoTo(target);
  });

  group.append(previous, counter, next);
  container.append(group, live);

  return {
    element: container,
    update(step, total, title, announce) {
      current = step;
      last = total - 1;
      counter.textContent = `第 ${step + 1} / ${total} 步`;
      previous.setAttribute('aria-disabled', String(step === 0));
      next.setAttribute('aria-disabled', String(step === last));
      if (announce) live.textContent = `第 ${step + 1} 步，共 ${total} 步：${title}`;
    },
  };
}
