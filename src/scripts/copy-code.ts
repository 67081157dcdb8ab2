// Adds a copy button to each highlighted code block. Progressive enhancement: without JavaScript
// (or without the Clipboard API) the code is still there to select by hand.
const resetAfterMs = 2000;

function addButton(pre: HTMLPreElement): void {
  const wrapper = document.createElement('div');
  wrapper.className = 'code-block';
  pre.replaceWith(wrapper);
  wrapper.append(pre);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.textContent = '复制';
  button.setAttribute('aria-label', '复制这段代码');
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  wrapper.append(button, status);

  button.addEventListener('click', async () => {
    const code = pre.querySelector('code')?.innerText ?? pre.innerText;
    try {
      await navigator.clipboard.writeText(code);
      button.textContent = '已复制';
      status.textContent = '代码已复制到剪贴板';
    } catch {
      button.textContent = '复制失败';
      status.textContent = '无法写入剪贴板，请手动选择代码复制';
    }
    setTimeout(() => {
      button.textContent = '复制';
      status.textContent = '';
    }, resetAfterMs);
  });
}

export function enhanceCodeBlocks(root: ParentNode = document): void {
  if (!navigator.clipboard) return;
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre.astro-code')) addButton(pre);
}
