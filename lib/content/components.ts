import { z } from 'zod'
import { commandSequenceScenarioSchema, validateScenario } from '@/lib/drills/command-sequence'
import { flipDeckSchema, validateFlipDeck } from '@/lib/drills/flip-deck'
import { interviewQuestionSchema } from '@/lib/drills/interview'
import { quizSchema, validateQuiz } from '@/lib/drills/quiz'
import { reorderDrillSchema, validateReorderDrill } from '@/lib/drills/reorder'
import { layerCacheSimulatorSchema, validateLayerCacheSimulator } from '@/lib/layer-cache/authoring'
import { KEBAB_CASE } from './schemas'
import type { ItemKind, ReviewContent } from './types'

/**
 * Every component a lesson may use, with the schema of its props. The content
 * check validates each use against this registry before compiling, and the
 * renderers in components/mdx are typed from it, so adding a component is one
 * entry here plus its renderer (the compiler refuses a registry entry without one).
 *
 * Props must be literal values in the MDX, which is what lets the check read
 * them without running the lesson.
 */

/** What may appear between the opening and closing tags. */
export type ChildrenRule = 'none' | 'optional' | 'required'

export interface ItemDefinition<Props> {
  kind: ItemKind
  /** Short human label for dashboards and item analysis. */
  label: (props: Props) => string
  /** The choices and the right answer, so item analysis can name the most common mistake. */
  answer?: (props: Props) => ItemAnswer
  /** For items review schedules: the text the review and mock-interview pages show. */
  review?: (props: Props) => ReviewContent
}

export interface ItemAnswer {
  choices: Record<string, string>
  solution: string[]
}

/** One of several items a single component holds (the cards of a deck, the questions of a quiz). */
export interface NestedItem {
  id: string
  kind: ItemKind
  label: string
  /** What the item's content hash is computed from. */
  content: unknown
  answer?: ItemAnswer
  review?: ReviewContent
}

/** A rule that compares fields with each other, beyond what the props schema checks one by one. */
export interface AuthoringProblem {
  path: (string | number)[]
  message: string
}

export interface ComponentDefinition<Schema extends z.ZodType = z.ZodType> {
  props: Schema
  children: ChildrenRule
  /** Allowed inside a paragraph. Defaults to false: block elements inside <p> are invalid HTML and break hydration. */
  inline?: boolean
  /** Present on interactive components: each use becomes an ItemEntry with a stable id. */
  item?: z.output<Schema> extends { id: string } ? ItemDefinition<z.output<Schema>> : never
  /** For components holding several items, each with its own id and its own progress. */
  items?: (props: z.output<Schema>) => NestedItem[]
  /** Cross-field checks, run after the schema accepts the props. */
  validate?: (props: z.output<Schema>) => AuthoringProblem[]
}

function defineComponent<Schema extends z.ZodType>(definition: ComponentDefinition<Schema>) {
  return definition
}

/** Interactive pieces are addressed by this id in saved progress, so it must stay stable and readable. */
export const itemId = z.string().regex(KEBAB_CASE, 'must be kebab-case, e.g. "build-context-checklist"')

const text = z.string().trim().min(1, 'must not be empty')

export const CALLOUT_KINDS = ['principle', 'beginner', 'production', 'note'] as const
export type CalloutKind = (typeof CALLOUT_KINDS)[number]

export const componentRegistry = {
  Callout: defineComponent({
    props: z.strictObject({
      kind: z.enum(CALLOUT_KINDS),
      title: text.optional(),
    }),
    children: 'required',
  }),

  FlowDiagram: defineComponent({
    props: z.strictObject({
      title: text,
      steps: z
        .array(z.strictObject({ label: text, detail: text.optional() }))
        .min(2, 'a flow needs at least 2 steps')
        .max(10, 'a flow of more than 10 steps stops being readable; split it'),
    }),
    children: 'none',
  }),

  Checklist: defineComponent({
    props: z.strictObject({
      id: itemId,
      title: text,
      items: z.array(text).min(1, 'needs at least 1 step').max(15, 'allows at most 15 steps'),
    }),
    children: 'none',
    item: { kind: 'checklist', label: (props) => props.title },
  }),

  FlipDeck: defineComponent({
    props: flipDeckSchema,
    children: 'none',
    validate: validateFlipDeck,
    // Each card is scheduled for review on its own, so each is an item; the deck is only a container.
    items: (props) =>
      props.cards.map((card) => ({
        id: card.id,
        kind: 'flip-card' as const,
        label: card.front,
        content: card,
        review: { kind: 'flip-card' as const, front: card.front, back: card.back },
      })),
  }),

  ReorderDrill: defineComponent({
    props: reorderDrillSchema,
    children: 'none',
    validate: validateReorderDrill,
    item: {
      kind: 'reorder',
      label: (props) => props.title,
      answer: (props) => ({
        choices: Object.fromEntries(props.steps.map((step) => [step.id, step.label])),
        solution: props.steps.map((step) => step.id),
      }),
    },
  }),

  InterviewQuestion: defineComponent({
    props: interviewQuestionSchema,
    children: 'none',
    item: {
      kind: 'interview',
      label: (props) => props.question,
      review: (props) => ({
        kind: 'interview',
        question: props.question,
        seniorAngle: props.seniorAngle,
        keyPoints: props.keyPoints,
      }),
    },
  }),

  LayerCacheSimulator: defineComponent({
    props: layerCacheSimulatorSchema,
    children: 'none',
    validate: validateLayerCacheSimulator,
    item: { kind: 'layer-cache', label: (props) => props.title },
  }),

  CommandBuilder: defineComponent({
    props: commandSequenceScenarioSchema,
    children: 'none',
    validate: validateScenario,
    item: {
      kind: 'command-builder',
      label: (props) => props.scenario,
      answer: (props) => ({
        choices: Object.fromEntries(props.palette.map((tile) => [tile.id, tile.command])),
        solution: props.answer.flat(),
      }),
    },
  }),

  Quiz: defineComponent({
    props: quizSchema,
    children: 'none',
    validate: validateQuiz,
    // Questions are analysed one by one (most missed, most common wrong answer), so each is an item.
    items: (props) =>
      props.questions.map((question) => ({
        id: `${props.id}.${question.id}`,
        kind: 'quiz-question' as const,
        label: question.prompt,
        content: question,
        answer: {
          choices: Object.fromEntries(question.options.map((option) => [option.id, option.text])),
          solution: question.options.filter((option) => option.correct).map((option) => option.id),
        },
      })),
  }),
}

export type ComponentName = keyof typeof componentRegistry

/** The props a renderer receives: what the author wrote, before schema defaults. */
export type ComponentProps<Name extends ComponentName> = z.input<(typeof componentRegistry)[Name]['props']>

export const componentNames = Object.keys(componentRegistry).sort() as ComponentName[]

/** Registry entries seen without their individual prop types, for the validator. */
export interface AnyComponentDefinition {
  props: z.ZodType
  children: ChildrenRule
  inline?: boolean
  // Method syntax keeps the parameter bivariant, so every entry fits this view.
  item?: { kind: ItemKind; label(props: unknown): string; answer?(props: unknown): ItemAnswer; review?(props: unknown): ReviewContent }
  items?(props: unknown): NestedItem[]
  validate?(props: unknown): AuthoringProblem[]
}

export function findComponent(name: string): AnyComponentDefinition | undefined {
  return Object.hasOwn(componentRegistry, name)
    ? (componentRegistry[name as ComponentName] as AnyComponentDefinition)
    : undefined
}
