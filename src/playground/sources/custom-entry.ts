/**
 * What a reader types under "自定义地址", read against this build's allow-list. Pure: text and
 * policy in, a source or a Chinese reason out.
 *
 * Readers type addresses the way they see them: "hf-mirror.com/mlc-ai/" without https://, or the
 * folder of a source the picker already offers. The first gets the scheme added; the second is
 * that preset. Anything else must be one of the sources the site was built with, because a
 * source's model library is code that runs in this page.
 */

import { customPlaces, sourceAllowed, type HostPolicy } from './host-policy';
import { HF_MIRROR, PRESET_SOURCES, parseCustomBase, type CustomBaseResult } from './model-source';

const HAS_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** The custom places a reader can actually download from: no loopback port placeholders. */
function usablePlaces(policy: HostPolicy): string[] {
  return customPlaces(policy).filter((place) => !place.includes('<端口>'));
}

/** The input's example: an address this site accepts (its own extra source, else the mirror). */
export function customExample(policy: HostPolicy): string {
  return usablePlaces(policy)[0] ?? HF_MIRROR.weightsBase;
}

/** Why an address is refused, which ones work instead, and how a maintainer adds one. */
export function customRefusal(policy: HostPolicy): string {
  const places = customPlaces(policy);
  const instead =
    places.length === 0
      ? '本站没有设定自建的下载源，请选上面的“Hugging Face”或“hf-mirror.com 镜像”。'
      : `这里可以填写：${places.join('、')}（或其中的文件夹），也可以选上面的“Hugging Face”或“hf-mirror.com 镜像”。`;
  return (
    '本站不能从这个地址下载模型。下载源提供的模型程序会在本页中运行，所以本站只用建站时设定好的下载源。' +
    instead +
    '如果你维护本站，可以在构建时用 PUBLIC_EXTRA_MODEL_SOURCES 加入这个地址（见项目的 docs/self-hosting.md）。'
  );
}

export function readCustomEntry(input: string, policy: HostPolicy): CustomBaseResult {
  const text = input.trim();
  const parsed = parseCustomBase(text === '' || HAS_SCHEME.test(text) ? text : `https://${text}`);
  if (!parsed.ok) return parsed;
  const base = new URL(parsed.source.weightsBase);
  const preset = PRESET_SOURCES.find(
    (source) => source.weightsBase === base.href || (new URL(source.weightsBase).origin === base.origin && base.pathname === '/'),
  );
  if (preset !== undefined) return { ok: true, source: preset };
  return sourceAllowed(parsed.source, policy) ? parsed : { ok: false, reason: customRefusal(policy) };
}
