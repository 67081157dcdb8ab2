/**
 * "为什么要除以 √d_k": the scaling demo as a table with bars. The demo is ~0.3 s of arithmetic, so it
 * runs once, the first time the reader opens the disclosure, not when the island mounts.
 */
import { scalingDemo, type ScalingDemoResult } from '../scaling-demo';
import { element } from '../../ui/dom';

/** A number with a bar of `fraction` of the cell's width; the number carries the meaning, the bar only repeats it. */
function barCell(value: number, fraction: number): HTMLTableCellElement {
  const cell = element('td', 'attn-bar-cell');
  const bar = element('span', 'attn-bar');
  bar.setAttribute('aria-hidden', 'true');
  bar.style.setProperty('--fill', Math.min(Math.max(fraction, 0), 1).toFixed(3));
  cell.append(element('span', 'attn-number', value.toFixed(2)), bar);
  return cell;
}

function scalingTable(result: ScalingDemoResult): HTMLElement[] {
  const { sequenceLength: n, maxEntropy, points } = result;
  const table = element('table', 'attn-scaling-table');
  table.createCaption().textContent = `每行 ${n} 个位置；熵最大为 ln ${n} ≈ ${maxEntropy.toFixed(2)}（权重均匀），最大权重最小为 1/${n} ≈ ${(1 / n).toFixed(3)}。`;
  const head = element('tr');
  for (const label of [
    'd_k',
    'q·k 的方差',
    '平均熵：不缩放',
    '平均熵：除以 √d_k',
    '平均最大权重：不缩放',
    '平均最大权重：除以 √d_k',
  ]) {
    const th = element('th', undefined, label);
    th.scope = 'col';
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const point of points) {
    const row = element('tr');
    const dK = element('th', 'attn-number', String(point.dK));
    dK.scope = 'row';
    row.append(
      dK,
      element('td', 'attn-number', point.dotVariance.toFixed(1)),
      barCell(point.meanEntropyUnscaled, point.meanEntropyUnscaled / maxEntropy),
      barCell(point.meanEntropyScaled, point.meanEntropyScaled / maxEntropy),
      barCell(point.meanMaxWeightUnscaled, point.meanMaxWeightUnscaled),
      barCell(point.meanMaxWeightScaled, point.meanMaxWeightScaled),
    );
    body.append(row);
  }
  const scroller = element('div', 'table-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', '不同 d_k 下 softmax 的平均熵与平均最大权重，可横向滚动');
  scroller.append(table);
  return [
    element(
      'p',
      'attn-step-text',
      '对每个 d_k，随机抽取各分量方差为 1 的查询和键。不缩放时 q·k 的方差约等于 d_k：d_k 越大，softmax 越集中到一个位置上，熵趋近 0、最大权重趋近 1，梯度随之变得很小。除以 √d_k 后方差回到 1，两项指标几乎不随 d_k 变化。',
    ),
    scroller,
  ];
}

export function createScalingTable(seed: number): HTMLElement {
  const details = element('details', 'attn-scaling');
  const body = element('div', 'attn-scaling-body', '正在计算……');
  details.append(element('summary', undefined, '为什么要除以 √d_k'), body);
  let computed = false;
  details.addEventListener('toggle', () => {
    if (!details.open || computed) return;
    computed = true;
    // Let the "computing" line paint before the arithmetic blocks the main thread.
    requestAnimationFrame(() => setTimeout(() => body.replaceChildren(...scalingTable(scalingDemo({ seed }))), 0));
  });
  return details;
}
