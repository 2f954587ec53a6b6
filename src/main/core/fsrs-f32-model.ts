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

/** A card's memory state as the model carries it from answer to answer. */
export interface F32State {
  s: number;
  d: number;
}

/** The model for one parameter set: a card's first answer, and each answer after. */
export interface F32Model {
  /** The state after a card's first answer (`rating` 1–4). */
  start(rating: number): F32State;
  /**
   * Update `state` in place for an answer `rating` given `deltaT` days after the one before;
   * returns the retrievability the state predicted for that answer (NaN for a same-day answer).
   */
  step(state: F32State, deltaT: number, rating: number): number;
}

export function f32Model(parameters: readonly number[]): F32Model {
  const w = modelParameters(parameters);
  const at = (i: number): number => w[i] as number;
  const decay = f(-at(20));
  const factor = f(f(Math.exp(f(f(Math.log(f(0.9))) / decay))) - 1);
  const recall = (t: number, s: number): number => f(Math.pow(f(f(f(t / s) * factor) + 1), decay));
  const initDifficulty = (rating: number): number => f(f(at(4) - f(Math.exp(f(at(5) * (rating - 1))))) + 1);
  const easyDifficulty = initDifficulty(4);
  const expW8 = f(Math.exp(at(8)));
  const failureFloor = f(Math.exp(f(at(17) * at(18))));
  const clamp = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
  return {
    start(rating) {
      return { s: clamp(at(rating - 1), S_MIN, S_MAX), d: clamp(initDifficulty(rating), D_MIN, D_MAX) };
    },
    step(state, deltaT, rating) {
      const lastS = clamp(state.s, S_MIN, S_MAX);
      const lastD = clamp(state.d, D_MIN, D_MAX);
      let newS: number;
      let r = Number.NaN;
      if (deltaT === 0) {
        const sinc = f(f(Math.exp(f(at(17) * f(f(rating - 3) + at(18))))) * f(Math.pow(lastS, -at(19))));
        newS = f(lastS * (rating >= 2 ? Math.max(sinc, 1) : sinc));
      } else {
        r = recall(deltaT, lastS);
        if (rating === 1) {
          const pls = f(f(f(at(11) * f(Math.pow(lastD, -at(12)))) * f(f(Math.pow(f(lastS + 1), at(13))) - 1)) * f(Math.exp(f(f(1 - r) * at(14)))));
          newS = Math.min(pls, f(lastS / failureFloor));
        } else {
          let g = f(expW8 * f(11 - lastD));
          g = f(g * f(Math.pow(lastS, -at(9))));
          g = f(g * f(f(Math.exp(f(f(1 - r) * at(10)))) - 1));
          if (rating === 2) g = f(g * at(15));
          if (rating === 4) g = f(g * at(16));
          newS = f(lastS * f(g + 1));
        }
      }
      const deltaD = f(-at(6) * (rating - 3));
      const nextD = f(lastD + f(f(f(10 - lastD) * deltaD) / 9));
      state.d = clamp(f(f(at(7) * f(easyDifficulty - nextD)) + nextD), D_MIN, D_MAX);
      state.s = clamp(newS, S_MIN, S_MAX);
      return r;
    },
  };
}
