import { z } from 'zod'
import { KEBAB_CASE } from './schemas'
import type { ItemKind } from './types'

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
}

export interface ComponentDefinition<Schema extends z.ZodType = z.ZodType> {
  props: Schema
  children: ChildrenRule
  /** Allowed inside a paragraph. Defaults to false: block elements inside <p> are invalid HTML and break hydration. */
  inline?: boolean
  /** Present on interactive components: each use becomes an ItemEntry with a stable id. */
  item?: z.output<Schema> extends { id: string } ? ItemDefinition<z.output<Schema>> : never
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
  item?: { kind: ItemKind; label(props: unknown): string }
}

export function findComponent(name: string): AnyComponentDefinition | undefined {
  return Object.hasOwn(componentRegistry, name)
    ? (componentRegistry[name as ComponentName] as AnyComponentDefinition)
    : undefined
}
