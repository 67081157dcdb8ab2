import { element } from './dom';

/**
 * A label above its control, tied by id so the control has an accessible name. Styled by
 * island.css; the chat's and the arena's forms use it.
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

/** keyCode is deprecated but is the only composition signal some browsers give on keydown. */
const IME_PROCESS_KEY_CODE = 229;

/**
 * An Enter that confirms an input method's candidate (pinyin, say) rather than sends: while
 * composing, Enter belongs to the IME. isComposing, or keyCode 229 in browsers that report
 * composition that way.
 */
export function isImeEnter(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === IME_PROCESS_KEY_CODE;
}
