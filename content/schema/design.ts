/**
 * Pack data for system-design rounds: the checklist (one list, read by the whiteboard's feedback
 * and by the phase-timed round), the round's phases with their time boxes, and per question the
 * constraints the interviewer states when asked, the checklist notes and a reference design.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "rate-limiter")');

/** Where a checklist template names a component from the candidate's board. */
export const COMPONENT_SLOT = '{component}';

/**
 * A checklist item for a round (e.g. system design: requirements, API, data model, ...).
 * `ask` is the interviewer's question when the item is a gap; `askAbout` is the same question
 * about one component of the candidate's board, preferring a component whose label contains one
 * of `prefer` (e.g. "db", "queue").
 */
export const checklistItemSchema = z
  .object({
    id,
    label: text,
    signals: z.array(text).min(1),
    ask: text.optional(),
    askAbout: text
      .refine((s) => s.includes(COMPONENT_SLOT), `must contain ${COMPONENT_SLOT}, where a board label goes`)
      .optional(),
    prefer: z.array(text).min(1).optional(),
  })
  .strict();

/**
 * A stretch of a design round with its time box and the checklist items it is about, in order.
 * In a phase the interviewer asks about the items nobody has mentioned yet, then (with
 * `questionFollowUps`) the question's own follow-ups; it moves to the next phase when the time
 * box is used or nothing of that is left. `intro` is what it says on the way in ("Let's talk
 * about the data."). `prompts` are open questions that keep the round going once every phase is
 * done and the clock still has time (the current phase's first).
 */
export const designPhaseSchema = z
  .object({
    id,
    title: text,
    minutes: z.number().positive('must be greater than 0'),
    checklist: z.array(id).min(1, 'at least 1 checklist id required'),
    intro: text.optional(),
    questionFollowUps: z.boolean().optional(),
    prompts: z.array(text).optional(),
  })
  .strict();

/** A fact the interviewer states when the candidate asks about it (a clarifying question). */
export const designConstraintSchema = z
  .object({
    topic: text,
    signals: z.array(text).min(1),
    answer: text,
  })
  .strict();

/** The Excalidraw file format version this app writes and fully understands. */
export const EXCALIDRAW_SCENE_VERSION = 2;

/**
 * An Excalidraw scene as stored in a pack: elements need only an id and a type (Excalidraw's
 * restore fills the rest when the scene is opened); everything else passes through unchanged.
 */
export const excalidrawSceneSchema = z
  .object({
    type: z.literal('excalidraw'),
    version: z.number().int().positive(),
    source: z.string().optional(),
    elements: z.array(z.looseObject({ id: z.string().min(1), type: z.string().min(1) })).min(1),
    appState: z.record(z.string(), z.unknown()).optional(),
    files: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** What a system-design question brings beyond its rubric. */
export const questionDesignSchema = z
  .object({
    constraints: z.array(designConstraintSchema).min(1, 'at least 1 constraint required'),
    /** Per checklist id: what that item means for this question, shown with the reference design. */
    notes: z.record(id, text).optional(),
    /** One possible design, shown in review after the round. Original drawing. */
    reference: excalidrawSceneSchema,
  })
  .strict();

export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type DesignPhase = z.infer<typeof designPhaseSchema>;
export type DesignConstraint = z.infer<typeof designConstraintSchema>;
export type ExcalidrawScene = z.infer<typeof excalidrawSceneSchema>;
export type QuestionDesign = z.infer<typeof questionDesignSchema>;
