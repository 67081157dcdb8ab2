/**
 * What each step of the computation shows: a title, a sentence of explanation, the formula and the
 * matrices. Pure data, so the stepper, the live announcement and the heat maps all agree.
 *
 * The TeX is assembled from fixed templates and numbers only. The reader's tokens never enter it:
 * they are untrusted text, and the formulas are rendered with innerHTML.
 */
import type { AttentionSteps } from './attention';
import type { Matrix } from './matrix';
import { D_MODEL, type Computation, type Settings, type StepId } from './explorer';

export interface MatrixView {
  /** Which matrix this is (data-matrix in the DOM): one name per step, shared by every head. */
  readonly name: string;
  /** 1-based head number; absent for matrices shared by all heads. */
  readonly head?: number;
  readonly caption: string;
  readonly matrix: Matrix;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Probabilities are shaded on a fixed 0–1 scale and get a row-sum column; the rest by magnitude. */
  readonly kind: 'signed' | 'probability';
}

export interface StepView {
  readonly id: StepId;
  readonly title: string;
  readonly explanation: string;
  readonly tex: string;
  readonly matrices: readonly MatrixView[];
}

const dimensions = (count: number): string[] => Array.from({ length: count }, (_, i) => String(i + 1));

/** √d_k as shown: exact when it is an integer (√4 = 2), else to three decimals (√2 ≈ 1.414). */
function squareRoot(dK: number): { readonly exact: boolean; readonly value: string } {
  const root = Math.sqrt(dK);
  return Number.isInteger(root) ? { exact: true, value: String(root) } : { exact: false, value: root.toFixed(3) };
}

export function describeStep(id: StepId, computation: Computation, settings: Settings): StepView {
  const { tokens, heads } = computation;
  const { dK, causal } = settings;
  const n = tokens.length;
  const h = heads.length;
  const root = squareRoot(dK);
  // With several heads, every per-head symbol carries the head index, as in the article's (4).
  const sub = h > 1 ? '_i' : '';

  const perHead = (
    name: string,
    symbol: string,
    pick: (head: AttentionSteps) => Matrix,
    columns: 'tokens' | 'dimensions',
    kind: MatrixView['kind'] = 'signed',
  ) =>
    heads.map((head, i): MatrixView => {
      const matrix = pick(head);
      return {
        name,
        head: h > 1 ? i + 1 : undefined,
        caption: `${h > 1 ? `头 ${i + 1} · ` : ''}${symbol}（${matrix.rows} × ${matrix.cols}）`,
        matrix,
        rowLabels: tokens,
        colLabels: columns === 'tokens' ? tokens : dimensions(matrix.cols),
        kind,
      };
    });

  switch (id) {
    case 'x':
      return {
        id,
        title: '词嵌入 X',
        explanation: `每个 token 一行，是一个 ${D_MODEL} 维向量（由随机种子 ${settings.seed} 生成的演示向量，不是真实模型的嵌入）。同一个词总是得到同一行。`,
        tex: `X\\in\\mathbb{R}^{n\\times d_{\\mathrm{model}}},\\qquad n=${n},\\ d_{\\mathrm{model}}=${D_MODEL}`,
        matrices: [
          {
            name: 'x',
            caption: `X（${n} × ${D_MODEL}）`,
            matrix: computation.x,
            rowLabels: tokens,
            colLabels: dimensions(D_MODEL),
            kind: 'signed',
          },
        ],
      };
    case 'q':
    case 'k':
    case 'v': {
      const letter = id.toUpperCase();
      const role = { q: '查询', k: '键', v: '值' }[id];
      const purpose = {
        q: '查询向量表示“这个位置在找什么信息”。',
        k: '键向量表示“这个位置能提供什么信息”，用来和查询比较。',
        v: '值向量是最终被加权求和、传给下一层的内容。',
      }[id];
      return {
        id,
        title: `${role} ${letter} = XW^${letter}`,
        explanation: `${purpose}每个头有自己的投影矩阵，把 ${D_MODEL} 维压到 d_k = ${dK} 维。`,
        tex: `${letter}${sub}=XW^{${letter}}${sub},\\qquad W^{${letter}}${sub}\\in\\mathbb{R}^{${D_MODEL}\\times ${dK}},\\quad ${letter}${sub}\\in\\mathbb{R}^{${n}\\times ${dK}}`,
        matrices: perHead(id, letter, (head) => head[id], 'dimensions'),
      };
    }
    case 'scores':
      return {
        id,
        title: '打分 QKᵀ',
        explanation: '第 i 行第 j 列是第 i 个位置的查询与第 j 个位置的键的点积 q_i·k_j：越大，表示越相关。',
        tex: `S=QK^{\\top}\\in\\mathbb{R}^{${n}\\times ${n}},\\qquad S_{ij}=q_i\\cdot k_j`,
        matrices: perHead('scores', 'QKᵀ', (head) => head.scores, 'tokens'),
      };
    case 'scaled':
      return {
        id,
        title: '缩放：除以 √d_k',
        explanation: `d_k = ${dK}，√d_k ${root.exact ? '=' : '≈'} ${root.value}。点积的方差约等于 d_k，除以 √d_k 把它拉回 1 左右，softmax 才不会过早集中到一个位置。`,
        tex: `\\frac{QK^{\\top}}{\\sqrt{d_k}},\\qquad \\sqrt{${dK}}${root.exact ? '=' : '\\approx '}${root.value}`,
        matrices: perHead('scaled', 'QKᵀ/√d_k', (head) => head.scaled, 'tokens'),
      };
    case 'masked':
      return {
        id,
        title: causal ? '加上因果掩码 M' : '掩码 M（已关闭）',
        explanation: causal
          ? '对角线以上（j > i，即后面的位置）加上 −∞，所以第 i 个位置只能看到它自己和它之前的位置。'
          : '因果掩码已关闭：M = 0，矩阵不变，每个位置都能看到整句话（双向注意力）。Qwen 和 Llama 3 生成文本时始终使用因果掩码。',
        tex: causal
          ? `\\frac{QK^{\\top}}{\\sqrt{d_k}}+M,\\qquad M_{ij}=\\begin{cases}0, & j\\le i\\\\ -\\infty, & j>i\\end{cases}`
          : `\\frac{QK^{\\top}}{\\sqrt{d_k}}+M,\\qquad M=0`,
        matrices: perHead('masked', 'QKᵀ/√d_k + M', (head) => head.masked, 'tokens'),
      };
    case 'weights':
      return {
        id,
        title: '按行 softmax：注意力权重',
        explanation: `每一行都是非负数，且和为 1（见“行和”一列）。${causal ? '被掩码的位置权重恰好为 0。' : ''}`,
        tex: `A=\\mathrm{softmax}\\!\\left(\\frac{QK^{\\top}}{\\sqrt{${dK}}}+M\\right),\\qquad \\sum_{j}A_{ij}=1`,
        matrices: perHead('weights', 'A', (head) => head.weights, 'tokens', 'probability'),
      };
    case 'output':
      return {
        id,
        title: '输出 = 权重 × V',
        explanation: '每个位置的输出是它能看到的各位置值向量的加权和，权重就是上一步的那一行。',
        tex: `\\mathrm{Attention}(Q${sub},K${sub},V${sub})=\\mathrm{softmax}\\!\\left(\\frac{Q${sub}K${sub}^{\\top}}{\\sqrt{d_k}}+M\\right)V${sub}\\in\\mathbb{R}^{${n}\\times ${dK}}`,
        matrices: perHead('output', '输出', (head) => head.output, 'dimensions'),
      };
    case 'concat': {
      const concat = requireMultiHead(computation).concat;
      return {
        id,
        title: '拼接各个头',
        explanation: `${h} 个头的输出左右拼接成一个 ${n} × ${h * dK} 的矩阵；列标题“头·维”说明每一列来自哪个头。`,
        tex: `\\mathrm{Concat}(\\mathrm{head}_1,\\dots,\\mathrm{head}_{${h}})\\in\\mathbb{R}^{${n}\\times ${h * dK}}`,
        matrices: [
          {
            name: 'concat',
            caption: `Concat（${n} × ${h * dK}）`,
            matrix: concat,
            rowLabels: tokens,
            colLabels: heads.flatMap((_, i) => dimensions(dK).map((d) => `${i + 1}·${d}`)),
            kind: 'signed',
          },
        ],
      };
    }
    case 'mixed':
      return {
        id,
        title: '乘以输出矩阵 W^O',
        explanation: `W^O（${h * dK} × ${D_MODEL}）把各头的结果混合，并变回 d_model = ${D_MODEL} 维，交给残差连接和下一层。`,
        tex: `\\mathrm{MHA}(X)=\\mathrm{Concat}(\\mathrm{head}_1,\\dots,\\mathrm{head}_{${h}})\\,W^{O},\\qquad W^{O}\\in\\mathbb{R}^{${h * dK}\\times ${D_MODEL}}`,
        matrices: [
          {
            name: 'mixed',
            caption: `MHA(X)（${n} × ${D_MODEL}）`,
            matrix: requireMultiHead(computation).output,
            rowLabels: tokens,
            colLabels: dimensions(D_MODEL),
            kind: 'signed',
          },
        ],
      };
  }
}

function requireMultiHead(computation: Computation): NonNullable<Computation['multiHead']> {
  if (!computation.multiHead) throw new Error('This step exists only with more than one head');
  return computation.multiHead;
}
