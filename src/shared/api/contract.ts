/**
 * The one API contract between the renderer and the main process. Every capability is one entry
 * `'noun.verb': { input, output }` (zod schemas). Inputs are one object; only JSON-safe values
 * cross (times are epoch-ms numbers). Each entry's handler lives in src/main/api/handlers/, in the
 * file named after the entry's domain file here (review-contract.ts → handlers/review-handlers.ts).
 */
import type { z } from 'zod';
import { appContract } from './app-contract';
import { browseContract } from './browse-contract';
import { cardsContract } from './cards-contract';
import { decksContract } from './decks-contract';
import { displayContract } from './display-contract';
import { fsrsContract } from './fsrs-contract';
import { importContract } from './import-contract';
import { notesContract } from './notes-contract';
import { planContract } from './plan-contract';
import { presetsContract } from './presets-contract';
import { quizContract } from './quiz-contract';
import { reviewContract } from './review-contract';
import { statsContract } from './stats-contract';
import { syncContract } from './sync-contract';

export const contract = {
  ...appContract,
  ...decksContract,
  ...reviewContract,
  ...cardsContract,
  ...browseContract,
  ...notesContract,
  ...importContract,
  ...quizContract,
  ...displayContract,
  ...presetsContract,
  ...statsContract,
  ...planContract,
  ...fsrsContract,
  ...syncContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
