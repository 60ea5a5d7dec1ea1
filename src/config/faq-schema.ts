// Schema of config/faq.yaml (+ config/faq-synonyms.yaml): what union staff may write.
import { z } from 'zod';
import { FAQ_TOPICS, type KnowledgeBase as DomainKnowledgeBase } from '../domain/faq/kb.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const PHONE = /(?<!\d)(?!12351(?!\d))\d{7,}(?!\d)|\d{3,4}-\d{7,8}/;

export const FaqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and "-"'),
    topic: z.enum(FAQ_TOPICS),
    title: nonEmpty.optional(),
    questions: z.array(nonEmpty).min(2, 'needs at least 2 phrasings'),
    keywords: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
    answer: nonEmpty
      .refine((a) => !/24\s*小时/.test(a), 'must not say 24小时 (the facts give no opening hours)')
      .refine((a) => !PHONE.test(a), 'must not contain a phone number other than 12351'),
    /** What the facts do not say ("开放时间"); the reply ends with one line on where to ask. */
    ask: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
    facts: z.array(z.string().regex(/^[FN]\d+$/, 'fact tags look like F12 or N1')).default([]),
  })
  .strict()
  .transform((e) => ({ ...e, title: e.title ?? e.questions[0] }));

export const FaqFileSchema = z
  .object({
    entries: z.array(FaqEntrySchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.entries.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate id "${e.id}"` });
      seen.add(e.id);
    });
    const covered = new Set(file.entries.map((e) => e.topic));
    for (const t of FAQ_TOPICS) {
      if (!covered.has(t)) ctx.addIssue({ code: 'custom', path: ['entries'], message: `topic "${t}" has no entry` });
    }
  });

export const FaqSynonymsFileSchema = z
  .object({
    synonyms: z.record(z.string(), z.array(z.coerce.string().pipe(nonEmpty))).default({}),
    outOfScope: z
      .object({
        cues: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
        greetings: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
        uncovered: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
        everyday: z.array(z.coerce.string().pipe(nonEmpty)).default([]),
      })
      .strict()
      .default({ cues: [], greetings: [], uncovered: [], everyday: [] }),
  })
  .strict();

export type KnowledgeBase = DomainKnowledgeBase;
export type FaqFile = z.infer<typeof FaqFileSchema>;
export type FaqSynonymsFile = z.infer<typeof FaqSynonymsFileSchema>;

// Compile-time check: the validated files assemble into the domain's KnowledgeBase.
const _assemble = (f: FaqFile, s: FaqSynonymsFile): KnowledgeBase => ({ entries: f.entries, ...s });
void _assemble;
