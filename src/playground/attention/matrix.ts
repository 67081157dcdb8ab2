/**
 * A dense, row-major matrix of float64 values: the one data type the attention explorer passes
 * around. Values live in a flat Float64Array (entry (i, j) is `data[i * cols + j]`), so a heat map
 * can read a whole matrix without chasing nested arrays; `entry` and `toRows` exist for views that
 * prefer indices or plain arrays.
 *
 * Every operation checks shapes first and throws an error naming both shapes, because a silent
 * shape mismatch in attention maths produces plausible-looking but meaningless numbers.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** "3×4", the notation used in every shape error so messages read like the article's formulas. */
export function shapeOf(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

function assertDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** A rows×cols matrix, zero-filled unless `values` (row-major, exactly rows·cols long) is given. */
export function createMatrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  assertDimension('rows', rows);
  assertDimension('cols', cols);
  if (values === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (values.length !== rows * cols) {
    throw new RangeError(`createMatrix: ${rows}×${cols} needs ${rows * cols} values, got ${values.length}`);
  }
  return { rows, cols, data: Float64Array.from(values) };
}

/**
 * Builds a matrix from nested rows. The column count comes from the first row, so an empty list
 * gives a 0×0 matrix; ragged input throws rather than being padded.
 */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== cols) {
      throw new RangeError(`fromRows: row ${i} has ${r.length} values, row 0 has ${cols}`);
    }
  });
  return createMatrix(rows.length, cols, rows.flat());
}

/** Nested plain arrays, for views and tests that want `m[i][j]`. */
export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** Entry (i, j). Out-of-range indices throw instead of returning undefined. */
export function entry(m: Matrix, i: number, j: number): number {
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || i >= m.rows || j >= m.cols) {
    throw new RangeError(`entry: (${i}, ${j}) is outside a ${shapeOf(m)} matrix`);
  }
  return m.data[i * m.cols + j] as number;
}

/** Row i as a view into the matrix's storage: no copy, so treat it as read-only. */
export function rowOf(m: Matrix, i: number): Float64Array {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) {
    throw new RangeError(`rowOf: row ${i} is outside a ${shapeOf(m)} matrix`);
  }
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Matrix product a·b; a's column count must equal b's row count. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new RangeError(`matmul: cannot multiply ${shapeOf(a)} by ${shapeOf(b)} (inner sizes ${a.cols} and ${b.rows} differ)`);
  }
  const out = createMatrix(a.rows, b.cols);
  const { data: ad } = a;
  const { data: bd } = b;
  const od = out.data;
  // i-k-j order walks b and out row by row, which keeps memory access sequential.
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = ad[i * a.cols + k] as number;
      for (let j = 0; j < b.cols; j++) {
        od[i * b.cols + j] = (od[i * b.cols + j] as number) + aik * (bd[k * b.cols + j] as number);
      }
    }
  }
  return out;
}

export function transpose(m: Matrix): Matrix {
  const out = createMatrix(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      out.data[j * m.rows + i] = m.data[i * m.cols + j] as number;
    }
  }
  return out;
}

/** Every entry times `factor`; −∞ entries stay −∞ for any positive factor, which masking relies on. */
export function scale(m: Matrix, factor: number): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.map((v) => v * factor) };
}

/** Entry-wise sum of two matrices of the same shape. */
export function add(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`add: shapes ${shapeOf(a)} and ${shapeOf(b)} differ`);
  }
  return { rows: a.rows, cols: a.cols, data: a.data.map((v, i) => v + (b.data[i] as number)) };
}

/** Places matrices side by side (as multi-head attention concatenates heads); all need the same row count. */
export function concatColumns(parts: readonly Matrix[]): Matrix {
  const first = parts[0];
  if (first === undefined) throw new RangeError('concatColumns: needs at least one matrix');
  const mismatch = parts.find((p) => p.rows !== first.rows);
  if (mismatch !== undefined) {
    throw new RangeError(`concatColumns: row counts differ (${parts.map(shapeOf).join(', ')})`);
  }
  const cols = parts.reduce((sum, p) => sum + p.cols, 0);
  const out = createMatrix(first.rows, cols);
  for (let i = 0; i < first.rows; i++) {
    let offset = i * cols;
    for (const p of parts) {
      out.data.set(rowOf(p, i), offset);
      offset += p.cols;
    }
  }
  return out;
}
