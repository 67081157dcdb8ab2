/**
 * A matrix as a heat map that is also a real table: every cell prints its number and the rows and
 * columns have headers, so the shading only repeats what the text says and screen readers get an
 * ordinary data table. One Tab stop enters the cells and the arrow keys move between them (the
 * ARIA grid pattern); hovering or focusing a cell writes its row, column and a more precise value
 * under the table.
 */
import { element } from '../../ui/dom';
import { formatValue } from '../format';
import type { MatrixView } from '../steps';

const HINT = '悬停或用方向键选中一格，这里会显示它的行、列和更精确的值。';

/** Shading scale: probabilities on a fixed 0–1 scale, comparable across heads; others by their largest magnitude. */
function shadingScale(view: MatrixView): number {
  if (view.kind === 'probability') return 1;
  let largest = 0;
  for (const value of view.matrix.data) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  return largest || 1;
}

function valueCell(value: number, scale: number): HTMLTableCellElement {
  const cell = element('td', 'heat-cell', formatValue(value));
  cell.tabIndex = -1;
  if (value === -Infinity) cell.classList.add('is-masked');
  else {
    if (value < 0) cell.classList.add('is-negative');
    cell.style.setProperty('--heat', (Math.abs(value) / scale).toFixed(3));
  }
  return cell;
}

export function createHeatMap(view: MatrixView): HTMLElement {
  const { matrix, rowLabels, colLabels } = view;
  const withRowSums = view.kind === 'probability';
  const scale = shadingScale(view);

  const figure = element('figure', 'attn-map');
  figure.dataset.matrix = view.name;
  if (view.head !== undefined) figure.dataset.head = String(view.head);

  const scroller = element('div', 'table-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', `${view.caption}，可横向滚动`);

  const table = element('table', 'heat-map');
  table.setAttribute('role', 'grid');
  table.setAttribute('aria-readonly', 'true');
  table.createCaption().textContent = view.caption;

  const headRow = element('tr');
  const corner = element('th');
  corner.scope = 'col';
  corner.append(element('span', 'visually-hidden', 'token'));
  headRow.append(corner);
  colLabels.forEach((label) => {
    const th = element('th', 'heat-label', label);
    th.scope = 'col';
    headRow.append(th);
  });
  if (withRowSums) {
    const th = element('th', undefined, '行和');
    th.scope = 'col';
    headRow.append(th);
  }
  table.createTHead().append(headRow);

  const body = table.createTBody();
  const rowSums: number[] = [];
  for (let i = 0; i < matrix.rows; i++) {
    const row = element('tr');
    const th = element('th', 'heat-label', rowLabels[i] ?? '');
    th.scope = 'row';
    row.append(th);
    let sum = 0;
    for (let j = 0; j < matrix.cols; j++) {
      const value = matrix.data[i * matrix.cols + j] as number;
      sum += value;
      row.append(valueCell(value, scale));
    }
    rowSums.push(sum);
    if (withRowSums) {
      const cell = element('td', 'heat-cell heat-sum', formatValue(sum));
      cell.tabIndex = -1;
      row.append(cell);
    }
    body.append(row);
  }

  const readout = element('p', 'attn-readout', HINT);
  const cells = [...body.rows].map((row) => [...row.cells].filter((cell) => cell.tagName === 'TD'));
  const first = cells[0]?.[0];
  if (first) first.tabIndex = 0;

  const describe = (cell: HTMLTableCellElement) => {
    const row = cell.parentElement as HTMLTableRowElement;
    const i = row.sectionRowIndex;
    const j = cells[i]?.indexOf(cell) ?? -1;
    const rowText = `第 ${i + 1} 行「${rowLabels[i] ?? ''}」`;
    if (j >= matrix.cols) return `${rowText}的行和：${formatValue(rowSums[i] ?? 0, 4)}`;
    return `${rowText}，第 ${j + 1} 列「${colLabels[j] ?? ''}」：${formatValue(matrix.data[i * matrix.cols + j] as number, 4)}`;
  };
  const cellOf = (target: EventTarget | null) =>
    target instanceof Element ? (target.closest('td') as HTMLTableCellElement | null) : null;

  table.addEventListener('mouseover', (event) => {
    const cell = cellOf(event.target);
    if (cell) readout.textContent = describe(cell);
  });
  table.addEventListener('mouseleave', () => {
    const focused = cellOf(document.activeElement);
    readout.textContent = focused && table.contains(focused) ? describe(focused) : HINT;
  });
  table.addEventListener('focusin', (event) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    // Roving tabindex: Tab returns to the cell last visited instead of walking every cell.
    for (const row of cells) for (const other of row) other.tabIndex = other === cell ? 0 : -1;
    readout.textContent = describe(cell);
  });
  table.addEventListener('keydown', (event) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    const i = (cell.parentElement as HTMLTableRowElement).sectionRowIndex;
    const j = cells[i]?.indexOf(cell) ?? 0;
    const width = cells[i]?.length ?? 1;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [i - 1, j],
      ArrowDown: [i + 1, j],
      ArrowLeft: [i, j - 1],
      ArrowRight: [i, j + 1],
      Home: [i, 0],
      End: [i, width - 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    cells[move[0]]?.[move[1]]?.focus();
  });

  scroller.append(table);
  figure.append(scroller, readout);
  return figure;
}

/** About how many cells of a map go in per animation frame while the figure is first put in. */
const CELLS_PER_PIECE = 24;

/**
 * A row that keeps each column as wide as its widest cell will be: a copy of the cell with the
 * longest text in each column (figures are tabular), collapsed, so it takes no height and is
 * neither seen nor read. In a table's footer, so the body rows keep their indices.
 */
function sizerRow(rows: readonly HTMLTableRowElement[]): HTMLTableRowElement {
  const sizer = element('tr', 'heat-sizer');
  sizer.setAttribute('aria-hidden', 'true');
  const columns = rows[0]?.cells.length ?? 0;
  for (let j = 0; j < columns; j++) {
    const widest = rows
      .map((row) => row.cells[j])
      .reduce((a, b) => ((b?.textContent?.length ?? 0) > (a?.textContent?.length ?? 0) ? b : a));
    if (widest) sizer.append(widest.cloneNode(true));
  }
  return sizer;
}

/**
 * Takes a map's body rows and readout out of `figure` and returns the steps that put them back, a
 * few rows per step and the readout last, each only while `current()` (the figure has not been
 * replaced since). Laid out at once the first time, a map's cells (in a new font size) were most
 * of a phone's frame budget; in pieces, nothing already drawn moves: rows only go below rows, and
 * a collapsed row of the widest cells holds the columns at their final widths until the last is in.
 */
export function heatMapPieces(figure: HTMLElement, current: () => boolean): (() => void)[] {
  const table = figure.querySelector('table');
  const body = table?.tBodies[0];
  const readout = figure.querySelector('.attn-readout');
  if (!table || !body || !readout) return [];
  const rows = [...body.rows];
  const perPiece = Math.max(1, Math.floor(CELLS_PER_PIECE / (rows[0]?.cells.length ?? 1)));
  table.createTFoot().append(sizerRow(rows));
  body.replaceChildren();
  readout.remove();
  const steps: (() => void)[] = [];
  for (let start = 0; start < rows.length; start += perPiece) {
    const piece = rows.slice(start, start + perPiece);
    steps.push(() => {
      if (current()) body.append(...piece);
    });
  }
  steps.push(() => {
    if (!current()) return;
    table.deleteTFoot();
    figure.append(readout);
  });
  return steps;
}
