/**
 * The planner's proof: the same synthetic student (plan-student.ts) studies a 600-card deck for
 * 30 days before an interview with a fixed daily budget, once under plain FSRS at desired
 * retention 0.90 (20 new cards a day, reviews first, stopping when the day's minutes are spent)
 * and once following the interview planner: planned on the first morning from what Retain knows
 * (its own FSRS states with the default parameters, the student's median times from their earlier
 * history), then each day the scheduler takes the plan's directives for that day from the cards
 * as they are then (planDirectives). Measured:
 * the share of cards the student recalls on the interview day, and the minutes spent.
 */
import { default_w } from 'ts-fsrs';
import { deckState, runDay, type DayContext, type DeckState } from '../../src/main/core/plan/day-engine';
import { MemoryModel } from '../../src/main/core/plan/memory-model';
import { planDirectives, planInterview } from '../../src/main/core/plan/planner';
import type { ModelCard, ModelSettings, PlanInput, PlanResult } from '../../src/main/core/plan/types';
import { hashSeed } from '../../src/main/core/quiz/rng';
import { createStudent } from './plan-student';

export interface ProofSetup {
  cards: number;
  days: number;
  minutesPerDay: number;
}

export const PROOF_SETUP: ProofSetup = { cards: 600, days: 30, minutesPerDay: 20 };

export interface TrialResult {
  /** Share of the cards the student recalled on the interview day. */
  recalled: number;
  /** The student's true mean retrievability on the day. */
  trueReadiness: number;
  minutes: number;
  /** The planner's projection of readiness made on the first morning (null for plain FSRS). */
  projected: number | null;
  /** Cards studied at least once by the interview. */
  learned: number;
}

const TODAY = 1000;

function median(values: number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function asCards(s: DeckState): ModelCard[] {
  const cards: ModelCard[] = [];
  for (let i = 0; i < s.size; i++) {
    const learned = s.learned[i] === 1;
    cards.push({ isNew: !learned, stability: learned ? (s.stability[i] as number) : 0, difficulty: learned ? (s.difficulty[i] as number) : 0, lastReviewDay: learned ? (s.last[i] as number) : null, dueDay: s.due[i] as number, topics: [] });
  }
  return cards;
}

/**
 * One student, one policy: 'plain' FSRS at 0.90, the 'planner' keeping the shape it chose on the
 * first morning (as a plan does once set), or 'replanned': choosing afresh every morning.
 */
export function runTrial(seed: number, policy: 'plain' | 'planner' | 'replanned', setup: ProofSetup = PROOF_SETUP): TrialResult {
  const student = createStudent(setup.cards, hashSeed('student', seed));
  const blank: ModelCard = { isNew: true, stability: 0, difficulty: 0, lastReviewDay: null, dueDay: TODAY, topics: [] };
  const state = deckState(new Array<ModelCard>(setup.cards).fill(blank), TODAY);
  const interviewDay = TODAY + setup.days;
  const model = new MemoryModel(default_w, 36500);
  const ctx: DayContext = { model, learner: student, budgetSeconds: setup.minutesPerDay * 60, targetDay: interviewDay };
  let seconds = 0;
  let plan: PlanResult | null = null;
  let projected: number | null = null;
  for (let day = TODAY; day < interviewDay; day++) {
    let rules = { newLimit: Math.ceil(setup.cards / setup.days), desiredRetention: 0.9, reviewAheadBelow: null as number | null };
    if (policy !== 'plain') {
      const settings: ModelSettings = {
        weights: default_w,
        maximumIntervalDays: 36500,
        secondsPerReview: median(student.reviewSeconds, 10),
        secondsPerNewCard: median(student.newSeconds, 30),
      };
      const kept: PlanResult | null = policy === 'planner' ? plan : null;
      const input: PlanInput = { cards: asCards(state), settings, today: day, interviewDay, minutesPerDay: setup.minutesPerDay, baseRetention: 0.9, finalRetention: 0.95, newIntroducedToday: 0, topicCount: 0, seed: hashSeed('plan', seed), shape: kept?.shape ?? null, startDay: kept?.startDay ?? null };
      const current: PlanResult = kept ?? planInterview(input);
      projected ??= current.projectedReadiness;
      plan = current;
      const d = planDirectives(input, current, day);
      rules = { newLimit: d.newToday, desiredRetention: d.desiredRetention, reviewAheadBelow: d.reviewAheadBelow };
    }
    seconds += runDay(state, day, rules, ctx).seconds;
  }
  return {
    recalled: student.recallOn(interviewDay) / setup.cards,
    trueReadiness: student.trueReadiness(interviewDay),
    minutes: seconds / 60,
    projected,
    learned: state.nextNew,
  };
}

export interface ProofSummary {
  seeds: number;
  plain: { mean: number; sd: number; minutes: number };
  planner: { mean: number; sd: number; minutes: number };
  /** Planner minus plain, per seed. */
  margin: { mean: number; sd: number; min: number };
  /** Planner's first-morning projection minus what the student recalled, per seed. */
  projection: { meanError: number; meanAbsError: number; maxAbsError: number };
  /** Seeds where the planner spent more minutes than plain FSRS. */
  moreMinutes: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

export function runProof(seeds: number, setup: ProofSetup = PROOF_SETUP, mode: 'planner' | 'replanned' = 'planner'): ProofSummary {
  const plain: TrialResult[] = [];
  const planner: TrialResult[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    plain.push(runTrial(seed, 'plain', setup));
    planner.push(runTrial(seed, mode, setup));
  }
  const margins = planner.map((p, i) => p.recalled - (plain[i] as TrialResult).recalled);
  const errors = planner.map((p) => (p.projected as number) - p.recalled);
  return {
    seeds,
    plain: { mean: mean(plain.map((t) => t.recalled)), sd: sd(plain.map((t) => t.recalled)), minutes: mean(plain.map((t) => t.minutes)) },
    planner: { mean: mean(planner.map((t) => t.recalled)), sd: sd(planner.map((t) => t.recalled)), minutes: mean(planner.map((t) => t.minutes)) },
    margin: { mean: mean(margins), sd: sd(margins), min: Math.min(...margins) },
    projection: { meanError: mean(errors), meanAbsError: mean(errors.map(Math.abs)), maxAbsError: Math.max(...errors.map(Math.abs)) },
    moreMinutes: planner.filter((p, i) => p.minutes > (plain[i] as TrialResult).minutes).length,
  };
}
