import { element } from '../../ui/dom';

/**
 * A label above its control, tied by id so the control has an accessible name. Styled by
 * chat.css; the arena's forms use it too.
 */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  const wrapper = element('div', 'chat-field');
  const labelNode = element('label', 'chat-field-label', label);
  labelNode.htmlFor = id;
  control.id = id;
  wrapper.append(labelNode, control);
  if (hint !== undefined) {
    const hintNode = element('span', 'chat-field-hint', hint);
    hintNode.id = `${id}-hint`;
    control.setAttribute('aria-describedby', hintNode.id);
    wrapper.append(hintNode);
  }
  return wrapper;
}
