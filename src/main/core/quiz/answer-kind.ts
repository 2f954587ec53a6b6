/**
 * What kind of thing an answer is, so that a multiple-choice question offers options of one kind
 * (an amount of time for an amount of time, services for services, runtimes for runtimes), and
 * whether a text reads as a question, an instruction or a short answer.
 */
import { unitDimension } from './answer-match';
import { parseMeasure } from './measure';
import { memoByText } from './memo';

export type AnswerKind =
  /** Only an amount or a range: "15 minutes", "100-300 ms", "6". */
  | `amount:${string}`
  /** A sentence that states an amount with a unit: "Usually 100-300ms, because …". */
  | `mentions:${string}`
  | 'yesno'
  | 'pricing'
  | 'runtime'
  | 'service'
  /** Two labelled sides, by the kind of the second: "Lambda: 10 GB. EC2: terabytes." is `pair:amount:data`. */
  | `pair:${string}`
  | 'text';

const RUNTIMES = new Set([
  'python', 'node.js', 'nodejs', 'node', 'java', 'go', 'golang', '.net', 'c#', 'ruby', 'rust', 'php', 'javascript',
  'typescript', 'kotlin', 'scala', 'custom runtime', 'powershell',
]);
const CONNECTORS = new Set(['and', 'or', '+', '&', 'with', 'the', 'a', 'plus', 'then', 'via', 'several', 'one', 'many', 'multiple']);
const AMOUNT_IN_TEXT = /\d(?:[\d.,]*)\s*(?:ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hours?|days?|kb|mb|gb|tb|%|percent)\b/i;
const PRICING = /\b(?:pay|pays|paid|price|priced|pricing|billed|billing|cost|costs|per (?:hour|second|invocation|month|gb|vcpu-hour|instance-hour)|free)\b|\$/i;

/** The dimension of an answer that is only an amount ("15 min", "6", "terabytes"); a count with words is a phrase. */
function amountDimension(text: string): string | null {
  const m = parseMeasure(text);
  if (m) return m.lo.unit !== null ? unitDimension(m.lo.unit) : m.words === null ? 'count' : null;
  const unit = UNIT_WORD.exec(text.trim());
  return unit ? (/byte/i.test(unit[0]) || /^[kmgt]bs?$/i.test(unit[0]) ? 'data' : 'time') : null;
}

/** A unit named without a number: "Terabytes", "several TBs", "minutes". */
const UNIT_WORD = /^(?:several |multiple |many |a few )?(?:(?:kilo|mega|giga|tera)bytes|[kmgt]bs?|milliseconds|seconds|minutes|hours)\.?$/i;

function mentionedDimension(text: string): string | null {
  const m = AMOUNT_IN_TEXT.exec(text);
  if (!m) return null;
  const unit = m[0].replace(/[\d.,\s]/g, '').toLowerCase();
  if (/^(?:ms|milli|s$|sec|min|h$|hour|day)/.test(unit)) return 'time';
  if (/^(?:kb|mb|gb|tb)$/.test(unit)) return 'data';
  return 'percent';
}

/** Words that name cloud services and products, for telling a list of services from other answers. */
const SERVICE_WORDS = new Set(
  (
    'lambda lambdas ec2 ecs fargate eks kubernetes k8s app runner s3 sqs sns kinesis dynamodb streams api gateway ' +
    'eventbridge step functions cloudwatch x-ray rds aurora elasticache batch aws gpu alb elb cloudfront cognito iam vpc ' +
    'sdk fifo standard kafka msk glue athena redshift emr sagemaker appsync graviton graviton2 arm ecr docker sam cdk ' +
    'cloudformation azure gcp'
  ).split(' '),
);

/** A word that names something: a known service word, or a word with inner capitals or digits ("EventBridge", "EC2"). */
const isNameWord = (w: string): boolean => SERVICE_WORDS.has(w.toLowerCase()) || /^[A-Za-z]*[A-Z][a-z0-9]*[A-Z0-9]/.test(w);

/** Names of services or products ("API Gateway + DynamoDB", "SQS (FIFO)", "ECS/Fargate"): mostly name words, starting with one. */
function isServiceList(text: string): boolean {
  const words = text
    .replace(/[.,;:()/]+/g, ' ')
    .split(/\s+|\s*\+\s*/)
    .filter((w) => w !== '' && !CONNECTORS.has(w.toLowerCase()));
  if (words.length === 0 || words.length > 10 || !isNameWord(words[0] as string)) return false;
  return words.filter(isNameWord).length >= 0.6 * words.length;
}

function isRuntimeList(text: string): boolean {
  const t = text.toLowerCase().replace(/[.;:()]+$/g, '');
  const parts = t.split(/\s*(?:,|\band\b|\bor\b|\/)\s*/).filter((p) => p !== '');
  return parts.length > 0 && parts.every((p) => RUNTIMES.has(p.trim()));
}

/** The kind of an answer (see `AnswerKind`). */
export const answerKind: (answer: string) => AnswerKind = memoByText(classify);

function classify(answer: string): AnswerKind {
  const text = answer.trim();
  const amount = amountDimension(text);
  if (amount !== null) return `amount:${amount}`;
  if (/^(?:yes|no)\b/i.test(text)) return 'yesno';
  if (isRuntimeList(text)) return 'runtime';
  const pair = /^[^:.]{1,30}:\s.+[.;]\s*[^:.]{1,30}:\s(.+)$/.exec(text);
  if (pair) {
    const second = classify(pair[1] ?? '');
    return `pair:${second.startsWith('pair:') ? 'text' : second}`;
  }
  if (PRICING.test(text)) return 'pricing';
  const mentioned = mentionedDimension(text);
  if (mentioned !== null) return `mentions:${mentioned}`;
  if (isServiceList(text)) return 'service';
  return 'text';
}

/** Kinds an option of another kind may never stand next to (a made-up option must not give the answer away). */
const STRONG = (k: AnswerKind): boolean => k !== 'text' && k !== 'pair:text';

/** Whether `a` and `b` are of kinds that cannot be options of one question. */
export function kindsClash(a: AnswerKind, b: AnswerKind): boolean {
  return a !== b && (STRONG(a) || STRONG(b));
}

/** Whether a text asks something: it ends with a question mark, or one of its sentences does. */
export function isQuestionText(text: string): boolean {
  return /\?\s*(?:["'”’)]\s*)?(?:$|\s)/.test(text.trim() + ' ');
}

const INSTRUCTION = /^(?:name|give|list|choose|pick|select|complete|fill in|explain|describe|identify|state|match|recommend|estimate)\b/i;

/** Whether a stem asks a question or gives an instruction ("Name the …", "Complete: …"). */
export function isQuestionOrInstruction(stem: string): boolean {
  const t = stem.trim();
  return isQuestionText(t) || INSTRUCTION.test(t) || /:\s*$/.test(t);
}

/** Most words an option may have. */
export const MAX_OPTION_WORDS = 40;

/** Whether a text can be an option: a short answer, not a question. */
export function isShortAnswer(text: string): boolean {
  const t = text.trim();
  return t !== '' && !isQuestionText(t) && t.split(/\s+/).length <= MAX_OPTION_WORDS;
}
