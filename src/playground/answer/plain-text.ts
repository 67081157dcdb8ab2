/** Untrusted text shown as it was typed: line breaks kept, nothing interpreted (textContent only). */
export function plainText(raw: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const paragraph = document.createElement('p');
  raw.trim().split('\n').forEach((line, i) => {
    if (i > 0) paragraph.append(document.createElement('br'));
    paragraph.append(line);
  });
  if (paragraph.hasChildNodes()) fragment.append(paragraph);
  return fragment;
}
