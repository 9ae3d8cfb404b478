import type { ComponentType, ReactNode } from 'react'
import {
  Checklist,
  CommandBuilder,
  FlipDeck,
  InterviewQuestion,
  LayerCacheSimulator,
  Quiz,
  ReorderDrill,
} from '@/components/drills/islands'
import type { ComponentName, ComponentProps } from '@/lib/content/components'
import { Callout } from './callout'
import { FlowDiagram } from './flow-diagram'

/**
 * The renderer for every component in the content registry. The type makes a
 * registry entry without a renderer (or with the wrong props) a compile error.
 * Static pieces render on the server; interactive ones are client islands whose
 * code each lesson loads lazily (components/drills/islands.tsx).
 */
export const mdxComponents = {
  Callout,
  Checklist,
  CommandBuilder,
  FlipDeck,
  FlowDiagram,
  InterviewQuestion,
  LayerCacheSimulator,
  Quiz,
  ReorderDrill,
} satisfies { [Name in ComponentName]: ComponentType<ComponentProps<Name> & { children?: ReactNode }> }
