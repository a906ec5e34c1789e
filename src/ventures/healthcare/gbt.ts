/**
 * Gradient-boosted regression trees for a binary outcome (log loss), our own: no maintained
 * gradient-boosting library runs on Node 20 (ml-xgboost is an emscripten build of 2018; the
 * "XGBoost" of the decision-tree package splits categorical values by entropy and cannot split a
 * continuous feature at a threshold). This follows XGBoost's second-order algorithm: each tree is
 * grown greedily on the gradients g = p − y and hessians h = p(1 − p) of the current model, a split's
 * gain is GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ), a leaf's value −G/(H+λ), shrunk by the learning rate.
 * Deterministic: no subsampling, thresholds at midpoints between distinct values.
 */

export interface GbtParams {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  lambda: number;
  /** Least hessian a child may hold (XGBoost's min_child_weight). */
  minChildWeight: number;
}

export const DEFAULT_GBT: GbtParams = { trees: 100, depth: 2, learningRate: 0.1, lambda: 1, minChildWeight: 1 };

/** A tree as flat nodes: a split sends x[feature] < threshold left, else right; a leaf holds its value. */
export type TreeNode = { leaf: number } | { feature: number; threshold: number; left: number; right: number };

export interface GbtModel {
  kind: 'gbt';
  base: number;
  learningRate: number;
  trees: TreeNode[][];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function treeValue(tree: readonly TreeNode[], x: readonly number[]): number {
  let node = tree[0]!;
  while (!('leaf' in node)) node = tree[x[node.feature]! < node.threshold ? node.left : node.right]!;
  return node.leaf;
}

interface Split {
  feature: number;
  threshold: number;
  gain: number;
}

/**
 * Best split of the rows flagged in `inNode`. The rows are sorted by each feature once per fit
 * (`order`); a node scans those orders skipping rows outside it, O(rows × features) per node.
 */
function bestSplit(rows: readonly (readonly number[])[], order: readonly (readonly number[])[], inNode: Uint8Array, g: readonly number[], h: readonly number[], p: GbtParams): Split | undefined {
  let G = 0;
  let H = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!inNode[i]) continue;
    G += g[i]!;
    H += h[i]!;
  }
  const parent = (G * G) / (H + p.lambda);
  let best: Split | undefined;
  for (let f = 0; f < order.length; f++) {
    let GL = 0;
    let HL = 0;
    let prev = -1;
    for (const i of order[f]!) {
      if (!inNode[i]) continue;
      // A threshold between the previous member and this one, when their values differ.
      if (prev >= 0 && rows[i]![f]! !== rows[prev]![f]!) {
        const HR = H - HL;
        if (HL >= p.minChildWeight && HR >= p.minChildWeight) {
          const GR = G - GL;
          const gain = (GL * GL) / (HL + p.lambda) + (GR * GR) / (HR + p.lambda) - parent;
          if (gain > 1e-12 && (!best || gain > best.gain)) best = { feature: f, threshold: (rows[prev]![f]! + rows[i]![f]!) / 2, gain };
        }
      }
      GL += g[i]!;
      HL += h[i]!;
      prev = i;
    }
  }
  return best;
}

function growTree(rows: readonly (readonly number[])[], order: readonly (readonly number[])[], g: readonly number[], h: readonly number[], p: GbtParams): TreeNode[] {
  const nodes: TreeNode[] = [];
  const grow = (inNode: Uint8Array, depth: number): number => {
    const at = nodes.length;
    nodes.push({ leaf: 0 });
    const split = depth < p.depth ? bestSplit(rows, order, inNode, g, h, p) : undefined;
    if (!split) {
      let G = 0;
      let H = 0;
      for (let i = 0; i < rows.length; i++) {
        if (!inNode[i]) continue;
        G += g[i]!;
        H += h[i]!;
      }
      nodes[at] = { leaf: -G / (H + p.lambda) };
      return at;
    }
    const leftRows = new Uint8Array(rows.length);
    const rightRows = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (!inNode[i]) continue;
      if (rows[i]![split.feature]! < split.threshold) leftRows[i] = 1;
      else rightRows[i] = 1;
    }
    const left = grow(leftRows, depth + 1);
    const right = grow(rightRows, depth + 1);
    nodes[at] = { feature: split.feature, threshold: split.threshold, left, right };
    return at;
  };
  grow(new Uint8Array(rows.length).fill(1), 0);
  return nodes;
}

export function fitGbt(rows: readonly (readonly number[])[], labels: readonly (0 | 1)[], params: GbtParams = DEFAULT_GBT): GbtModel {
  const n = rows.length;
  const pos = labels.reduce<number>((a, y) => a + y, 0);
  if (pos === 0 || pos === n) throw new RangeError('fitGbt needs both classes among the training labels');
  const base = Math.log(pos / (n - pos));
  const margin = new Array<number>(n).fill(base);
  const trees: TreeNode[][] = [];
  const order = rows[0]!.map((_, f) => rows.map((__, i) => i).sort((a, b) => rows[a]![f]! - rows[b]![f]!));
  const g = new Array<number>(n);
  const h = new Array<number>(n);
  for (let t = 0; t < params.trees; t++) {
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(margin[i]!);
      g[i] = prob - labels[i]!;
      h[i] = prob * (1 - prob);
    }
    const tree = growTree(rows, order, g, h, params);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i]! += params.learningRate * treeValue(tree, rows[i]!);
  }
  return { kind: 'gbt', base, learningRate: params.learningRate, trees };
}

/** The model's margin (log-odds) for each row. */
export function gbtMargin(m: GbtModel, rows: readonly (readonly number[])[]): number[] {
  return rows.map((x) => m.trees.reduce((z, tree) => z + m.learningRate * treeValue(tree, x), m.base));
}

export function predictGbt(m: GbtModel, rows: readonly (readonly number[])[]): number[] {
  return gbtMargin(m, rows).map(sigmoid);
}
