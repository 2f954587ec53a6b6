/** How distractors are chosen: the kind of an answer, the same row of a comparison table, written distractors, never the answer. */
import { describe, expect, it } from 'vitest';
import { answerKind, isQuestionOrInstruction, isShortAnswer, kindsClash } from '../../src/main/core/quiz/answer-kind';
import { alsoAnswers, pickDistractors, swappedNames } from '../../src/main/core/quiz/distractors';
import { createRng } from '../../src/main/core/quiz/rng';

describe('answerKind', () => {
  it.each([
    ['15 minutes', 'amount:time'],
    ['100-300ms', 'amount:time'],
    ['500ms-10s+', 'amount:time'],
    ['10 GB', 'amount:data'],
    ['Terabytes', 'amount:data'],
    ['6', 'amount:count'],
    ['Yes. SDK clients persist.', 'yesno'],
    ['Python', 'runtime'],
    ['Node.js and Python', 'runtime'],
    ['Lambda: per request. App Runner: per container.', 'pair:text'],
    ['Lambda: per invocation. EC2: pay per hour.', 'pair:pricing'],
    ['Lambda: 10 GB. EC2: terabytes.', 'pair:amount:data'],
    ['Pay per hour', 'pricing'],
    ['Usually 100-300ms, because Python initializes quickly.', 'mentions:time'],
    ['SQS, Kinesis and DynamoDB (Streams).', 'service'],
    ['ECS/Fargate', 'service'],
    ['Lambda + Kinesis', 'service'],
    ['Manually or with Auto Scaling, over minutes', 'text'],
    ['High', 'text'],
    ['Asynchronous', 'text'],
  ] as const)('%s → %s', (answer, kind) => {
    expect(answerKind(answer)).toBe(kind);
  });

  it('lets plain texts stand together but keeps amounts, prices and names apart', () => {
    expect(kindsClash('text', 'pair:text')).toBe(false);
    expect(kindsClash('pair:text', 'pair:pricing')).toBe(true);
    expect(kindsClash('text', 'pricing')).toBe(true);
    expect(kindsClash('amount:time', 'amount:data')).toBe(true);
    expect(kindsClash('service', 'service')).toBe(false);
  });

  it('tells questions and instructions from statements', () => {
    expect(isQuestionOrInstruction('How does Lambda scale?')).toBe(true);
    expect(isQuestionOrInstruction('Name the three invocation models.')).toBe(true);
    expect(isQuestionOrInstruction('Event source mappings: Lambda runs the polling for you through them.')).toBe(false);
    expect(isShortAnswer('For poll-based sources, what manages the polling on Lambda\'s side?')).toBe(false);
    expect(isShortAnswer('Event source mappings')).toBe(true);
  });
});

describe('swappedNames', () => {
  it('finds the one name two prompts differ by, in every place it occurs', () => {
    expect(swappedNames('Lambda vs EC2 — scaling?', 'Lambda vs App Runner — scaling?')).toEqual(['EC2', 'App Runner']);
    expect(swappedNames("In the Lambda vs EC2 table, what is EC2's scaling?", "In the Lambda vs ECS/Fargate table, what is ECS/Fargate's scaling?")).toEqual([
      'EC2',
      'ECS/Fargate',
    ]);
    expect(swappedNames('Typical cold start duration for Go?', 'Typical cold start duration for .NET?')).toEqual(['Go', '.NET']);
  });

  it('does not take an attribute (another row) or two differences for a column', () => {
    expect(swappedNames('Lambda vs EC2 — scaling?', 'Lambda vs EC2 — pricing?')).toBeNull();
    expect(swappedNames('Lambda vs EC2 — scaling?', 'Lambda vs App Runner — pricing?')).toBeNull();
    expect(swappedNames('Which is a reason to choose Lambda?', 'Which is a reason to avoid Lambda?')).toBeNull();
    expect(swappedNames('Same?', 'Same?')).toBeNull();
    expect(swappedNames('Generated question 12?', 'Generated question 57?')).toBeNull();
  });
});

describe('pickDistractors', () => {
  const related = [
    { noteId: 2, prompt: 'Lambda vs App Runner — scaling?', answer: 'Lambda: per request. App Runner: per container.' },
    { noteId: 3, prompt: 'Lambda vs Fargate — scaling?', answer: 'Lambda: per request. Fargate: per task.' },
    { noteId: 4, prompt: 'Lambda vs EC2 — pricing?', answer: 'Lambda: per invocation. EC2: pay per hour.' },
    { noteId: 5, prompt: 'Lambda vs Kubernetes — scaling?', answer: 'Lambda: per request. Kubernetes: per instance.' },
  ];
  const req = { noteId: 1, prompt: 'Lambda vs EC2 — scaling?', answer: 'Lambda: per request. EC2: per instance.', related, want: 3 };

  it('draws from the same row, with the names swapped back, and never what also answers the question', () => {
    for (let seed = 0; seed < 20; seed++) {
      const got = pickDistractors(req, createRng(seed));
      expect(got.length).toBe(2);
      expect(got.sort()).toEqual(['Lambda: per request. EC2: per container.', 'Lambda: per request. EC2: per task.']);
    }
  });

  it('fills up with written distractors of the same kind, then related answers of the same kind', () => {
    const got = pickDistractors(
      { noteId: 1, prompt: 'How many retries?', answer: '2', written: ['3', 'pay per hour', '2', 'two'], related: [{ noteId: 9, prompt: 'How many vCPUs?', answer: '6' }, { noteId: 8, prompt: 'Why?', answer: 'Because.' }], want: 3 },
      createRng(1),
    );
    expect(got.sort()).toEqual(['3', '6']);
  });

  it('never offers what says the answer in other words, nor two options that say the same', () => {
    const got = pickDistractors(
      {
        noteId: 1,
        prompt: 'Which workload is EC2 best suited to?',
        answer: 'Steady load and long-running work',
        related: [
          { noteId: 2, prompt: 'Which workload is ECS/Fargate best suited to?', answer: 'Long-running, steady workloads' },
          { noteId: 3, prompt: 'Which workload is App Runner best suited to?', answer: 'Web apps and APIs' },
          { noteId: 4, prompt: 'Which workload suits Lambda?', answer: 'Short tasks triggered by events' },
          { noteId: 5, prompt: 'Which workload suits Lambda best?', answer: 'Short tasks that are triggered by events' },
        ],
        want: 3,
      },
      createRng(3),
    );
    expect(got).not.toContain('Long-running, steady workloads');
    expect(got.filter((d) => d.startsWith('Short tasks'))).toHaveLength(1);
  });

  it('knows what also answers: the same words, the same amount, or the answer inside', () => {
    expect(alsoAnswers('provisioned', 'Provisioned concurrency')).toBe(true);
    expect(alsoAnswers('900 seconds', '15 minutes')).toBe(true);
    expect(alsoAnswers('S3', 'S3, SNS and EventBridge.')).toBe(true);
    expect(alsoAnswers('Reserved concurrency', 'Provisioned concurrency')).toBe(false);
    expect(alsoAnswers('10 MB', '10 GB')).toBe(false);
  });
});
