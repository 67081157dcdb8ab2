/**
 * The model source picker: Hugging Face, the hf-mirror.com mirror, or a reader's own URL.
 *
 * The choice goes to the shared store (sources/source-store.ts), so every island on the site
 * follows it. A choice the site's Content-Security-Policy would block is refused here with the
 * reason, instead of failing later as a bare network error; the policy is read from the page's
 * meta tags and checked by the pure sources/csp.ts.
 */

import { checkSourceAgainstPolicies } from '../../sources/csp';
import { customExample, customRefusal, readCustomEntry } from '../../sources/custom-entry';
import { customPlaces, sourceAllowed, type HostPolicy } from '../../sources/host-policy';
import {
  HF_MIRROR,
  HUGGING_FACE,
  describeSource,
  sameSource,
  type ModelSource,
  type ModelSourceId,
} from '../../sources/model-source';
import {
  chooseModelSource,
  currentModelSource,
  defaultModelSource,
  onModelSourceChange,
  refusedStoredSource,
} from '../../sources/source-store';
import { siteHostPolicy } from '../../sources/site-policy';
import { element, uniqueId } from '../../ui/dom';

export interface SourcePickerOptions {
  /** CSP texts to check against; default: the page's CSP meta tags. */
  policies?: readonly string[];
  /** The engine's allow-list; default: this build's (sources/site-policy.ts). */
  hostPolicy?: HostPolicy;
}

export interface SourcePicker {
  destroy(): void;
}

/** The content of every CSP meta tag on the page (each one must allow a fetch). */
export function readPagePolicies(doc: Document = document): string[] {
  return [...doc.querySelectorAll<HTMLMetaElement>('meta[http-equiv="content-security-policy" i]')].map(
    (meta) => meta.content,
  );
}

const PRESET_NOTES: Record<Exclude<ModelSourceId, 'custom'>, string> = {
  huggingface: '模型来自 huggingface.co，模型程序来自 raw.githubusercontent.com。',
  'hf-mirror': '中国大陆通常更快。模型来自 hf-mirror.com；模型程序来自 jsDelivr 的 GitHub 镜像（cdn.jsdelivr.net）。',
};

export function mountSourcePicker(root: HTMLElement, options: SourcePickerOptions = {}): SourcePicker {
  const policies = options.policies ?? readPagePolicies();
  const hosts = options.hostPolicy ?? siteHostPolicy();
  const id = uniqueId('model-source');
  const siteDefault = defaultModelSource();

  const fieldset = element('fieldset', 'model-source-picker');
  const legend = element('legend', undefined, '模型下载源');
  const intro = element(
    'p',
    'model-hint',
    '模型文件有几百 MB 到几 GB。在中国大陆，Hugging Face 和 GitHub 常常很慢或打不开，可以改用镜像。这个选择保存在本浏览器里，对本站所有演示都有效。',
  );
  const codeWarning = element(
    'p',
    'model-hint',
    '请只用你信任的下载源：模型程序（WebAssembly）从下载源取得，会在本页中运行。所以本站只允许维护者设定的下载源。',
  );
  fieldset.append(legend, intro, codeWarning);

  const radios = new Map<ModelSourceId, HTMLInputElement>();
  function addChoice(value: ModelSourceId, title: string, note: string, blockedReason: string | null): void {
    const choice = element('div', 'model-source-choice');
    const input = element('input');
    input.type = 'radio';
    input.name = id;
    input.value = value;
    input.id = `${id}-${value}`;
    const label = element('label', 'model-source-title', value === siteDefault.id ? `${title}（本站默认）` : title);
    label.htmlFor = input.id;
    // The note is a description, not part of the name a screen reader announces for the choice.
    const detail = element('span', 'model-source-note', blockedReason ?? note);
    detail.id = `${input.id}-note`;
    input.setAttribute('aria-describedby', detail.id);
    if (blockedReason !== null) {
      input.disabled = true;
      detail.classList.add('model-warning');
    }
    choice.append(input, label, detail);
    fieldset.append(choice);
    radios.set(value, input);
  }
  for (const preset of [HUGGING_FACE, HF_MIRROR]) {
    const check = checkSourceAgainstPolicies(preset, policies, location.href);
    addChoice(
      preset.id,
      describeSource(preset),
      PRESET_NOTES[preset.id as Exclude<ModelSourceId, 'custom'>],
      check.allowed ? null : check.message,
    );
  }
  const places = customPlaces(hosts);
  addChoice(
    'custom',
    '自定义地址',
    places.length === 0
      ? '本站维护者没有设定自建的下载源：这里只能填写上面两个下载源的地址（如 hf-mirror.com/mlc-ai/），等于选择上面的选项。'
      : `自己架设的模型文件夹（目录结构与 Hugging Face 相同）。本站允许的地址：${places.join('、')}。`,
    null,
  );

  const form = element('form', 'model-source-custom');
  const inputId = `${id}-url`;
  const urlLabel = element('label', undefined, '模型文件夹网址');
  urlLabel.htmlFor = inputId;
  const urlInput = element('input');
  urlInput.type = 'url';
  urlInput.id = inputId;
  urlInput.placeholder = customExample(hosts);
  urlInput.spellcheck = false;
  const apply = element('button', 'button', '使用这个地址');
  apply.type = 'submit';
  // The site checks the address itself, in Chinese, and accepts one without "https://"; the
  // browser's own check ("Please enter a URL.") would stop the form before that.
  form.noValidate = true;
  form.append(urlLabel, urlInput, apply);
  fieldset.append(form);

  const message = element('p', 'model-source-message');
  message.setAttribute('role', 'status');
  message.id = `${id}-message`;
  urlInput.setAttribute('aria-describedby', message.id);
  fieldset.append(message);

  function say(text: string, warning = false): void {
    message.textContent = text;
    message.classList.toggle('model-warning', warning);
  }

  function render(source: ModelSource): void {
    const radio = radios.get(source.id);
    if (radio !== undefined) radio.checked = true;
    form.hidden = source.id !== 'custom';
    if (source.id === 'custom') urlInput.value = source.weightsBase;
  }

  function applySource(source: ModelSource): void {
    const check = checkSourceAgainstPolicies(source, policies, location.href);
    const refusal = !sourceAllowed(source, hosts)
      ? customRefusal(hosts)
      : check.allowed
        ? null
        : check.message;
    if (refusal !== null) {
      say(refusal, true);
      urlInput.setAttribute('aria-invalid', 'true');
      return;
    }
    urlInput.removeAttribute('aria-invalid');
    // Choosing the site's default forgets the choice, so a later change of default applies.
    const stored = chooseModelSource(sameSource(source, siteDefault) ? null : source);
    // An address typed under 自定义地址 may be a preset's: show that choice as selected.
    render(source);
    say(
      `已改用“${describeSource(source)}”。之后的下载都从这里开始；用其他下载源下载过的模型要重新下载，旧文件仍占用空间，可以在“本机已下载的模型”里删除。` +
        (stored ? '' : '（浏览器不允许本站保存设置，这个选择只在本页有效。）'),
    );
  }

  fieldset.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || target.type !== 'radio') return;
    if (target.value === 'custom') {
      form.hidden = false;
      say('填写模型文件夹的网址后，按“使用这个地址”。');
      urlInput.focus();
      return;
    }
    form.hidden = true;
    applySource(target.value === 'hf-mirror' ? HF_MIRROR : HUGGING_FACE);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = readCustomEntry(urlInput.value, hosts);
    if (!parsed.ok) {
      say(parsed.reason, true);
      urlInput.setAttribute('aria-invalid', 'true');
      urlInput.focus();
      return;
    }
    applySource(parsed.source);
  });

  render(currentModelSource());
  const refused = refusedStoredSource();
  if (refused !== null) {
    say(
      `之前保存的下载源“${refused}”不在本站允许的下载源之中，已不再使用；现在用的是“${describeSource(currentModelSource())}”。`,
      true,
    );
  }
  const stopListening = onModelSourceChange(render);
  root.replaceChildren(fieldset);
  return { destroy: stopListening };
}
