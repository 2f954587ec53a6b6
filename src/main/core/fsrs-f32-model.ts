/**
 * FSRS-6's memory model in single precision, step for step as fsrs-rs 6.5 computes it (its
 * `FSRS::new` parameter checks and clipping, `forward_reviews` and `power_forgetting_curve`),
 * so that an evaluation here gives fsrs-rs's figures: every operation is rounded to f32
 * (`Math.fround`) in fsrs-rs's order. Used to evaluate parameters on a review history.
 */
const f = Math.fround;

const S_MIN = f(0.001);
const S_MAX = 36_500;
const D_MIN = 1;
const D_MAX = 10;
const INIT_S_MAX = 100;
const FSRS5_DEFAULT_DECAY = 0.5;
/** fsrs-rs's defaults (FSRS-6), used for an empty parameter list. */
const DEFAULT_PARAMETERS = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, 0.1542,
];

/** Parameters as fsrs-rs's `FSRS::new` takes them: 0, 17, 19 or 21 values, filled up to FSRS-6's 21 and clipped to its bounds. */
export function modelParameters(parameters: readonly number[]): Float32Array {
  let p = Array.from(parameters, (x) => f(x));
  if (p.length === 0) p = DEFAULT_PARAMETERS.map((x) => f(x));
  else if (p.length === 17) {
    const [w4, w5, w6] = [p[4] as number, p[5] as number, p[6] as number];
    p[4] = f(w5 * 2 + w4);
    p[5] = f(f(Math.log(f(w5 * 3 + 1))) / 3);
    p[6] = f(w6 + 0.5);
    p.push(0, 0, 0, FSRS5_DEFAULT_DECAY);
  } else if (p.length === 19) p.push(0, FSRS5_DEFAULT_DECAY);
  else if (p.length !== 21) throw new Error(`FSRS parameters must be 17, 19 or 21 numbers, not ${p.length}`);
  if (p.some((w) => !Number.isFinite(w))) throw new Error('FSRS parameters must be finite numbers');
  // The bounds fsrs-rs clips to (one relearning step, short-term floor off), in parameter order.
  const bounds: Array<[number, number]> = [
    [S_MIN, INIT_S_MAX], [S_MIN, INIT_S_MAX], [S_MIN, INIT_S_MAX], [S_MIN, INIT_S_MAX], [D_MIN, D_MAX],
    [0.001, 4], [0.001, 4], [0.001, 0.75], [0, 4.5], [0, 0.8], [0.001, 3.5], [0.001, 5], [0.001, 0.25], [0.001, 0.9],
    [0, 4], [0, 1], [1, 6], [0, 2], [0, 2], [0, 0.8], [0.1, 0.8],
  ];
  return Float32Array.from(p, (w, i) => {
    const [lo, hi] = bounds[i] as [number, number];
    return Math.min(Math.max(w, f(lo)), f(hi));
  });
}

/** The model for one parameter set. */
export interface F32Model {
  /**
   * Run one card's answers `ratings[start..end)` (the days since the answer before in `deltas`,
   * 0 for the first) through the model: the retrievability it predicted for each answer on a
   * later day than the one before is written to `out` from `at` on; returns the next free index.
   */
  predictCard(ratings: ArrayLike<number>, deltas: ArrayLike<number>, start: number, end: number, out: Float32Array, at: number): number;
}

export function f32Model(parameters: readonly number[]): F32Model {
  const w = Array.from(modelParameters(parameters));
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19, w20] = w as [
    number, number, number, number, number, number, number, number, number, number, number,
    number, number, number, number, number, number, number, number, number, number,
  ];
  const decay = f(-w20);
  const factor = f(f(Math.exp(f(f(Math.log(f(0.9))) / decay))) - 1);
  const initDifficulty = (rating: number): number => f(f(w4 - f(Math.exp(f(w5 * (rating - 1))))) + 1);
  const easyDifficulty = initDifficulty(4);
  const expW8 = f(Math.exp(w8));
  const failureFloor = f(Math.exp(f(w17 * w18)));
  const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
  // What depends on the rating alone, by rating (index 0 unused): the state after a first answer,
  // the same-day stability factor and the difficulty step.
  const byRating = (g: (rating: number) => number): Float64Array => Float64Array.from([0, 1, 2, 3, 4], (r) => (r === 0 ? 0 : g(r)));
  const firstS = byRating((rating) => clamp([w0, w1, w2, w3][rating - 1] as number, S_MIN, S_MAX));
  const firstD = byRating((rating) => clamp(initDifficulty(rating), D_MIN, D_MAX));
  const sameDay = byRating((rating) => f(Math.exp(f(w17 * f(f(rating - 3) + w18)))));
  const deltaD = byRating((rating) => f(-w6 * (rating - 3)));
  return {
    predictCard(ratings, deltas, start, end, out, at) {
      const first = ratings[start] as number;
      // The state is kept within fsrs-rs's bounds after every answer.
      let s = firstS[first] as number;
      let d = firstD[first] as number;
      let n = at;
      for (let i = start + 1; i < end; i++) {
        const deltaT = deltas[i] as number;
        const rating = ratings[i] as number;
        let newS: number;
        if (deltaT === 0) {
          const sinc = f((sameDay[rating] as number) * f(Math.pow(s, -w19)));
          newS = f(s * (rating >= 2 ? Math.max(sinc, 1) : sinc));
        } else {
          const r = f(Math.pow(f(f(f(deltaT / s) * factor) + 1), decay));
          out[n++] = r;
          if (rating === 1) {
            const pls = f(f(f(w11 * f(Math.pow(d, -w12))) * f(f(Math.pow(f(s + 1), w13)) - 1)) * f(Math.exp(f(f(1 - r) * w14))));
            newS = Math.min(pls, f(s / failureFloor));
          } else {
            let g = f(expW8 * f(11 - d));
            g = f(g * f(Math.pow(s, -w9)));
            g = f(g * f(f(Math.exp(f(f(1 - r) * w10))) - 1));
            if (rating === 2) g = f(g * w15);
            if (rating === 4) g = f(g * w16);
            newS = f(s * f(g + 1));
          }
        }
        const nextD = f(d + f(f(f(10 - d) * (deltaD[rating] as number)) / 9));
        d = clamp(f(f(w7 * f(easyDifficulty - nextD)) + nextD), D_MIN, D_MAX);
        s = clamp(newS, S_MIN, S_MAX);
      }
      return n;
    },
  };
}
