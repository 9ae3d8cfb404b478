import type { ComponentType, ReactNode } from 'react'
import { Checklist } from '@/components/drills/checklist/checklist'
import { CommandBuilder } from '@/components/drills/command-builder/command-builder'
import { FlipDeck } from '@/components/drills/flip-deck/flip-deck'
import { InterviewQuestion } from '@/components/drills/interview-question/interview-question'
import { LayerCacheSimulator } from '@/components/drills/layer-cache/layer-cache-simulator'
import { Quiz } from '@/components/drills/quiz/quiz'
import { ReorderDrill } from '@/components/drills/reorder-drill/reorder-drill'
import type { ComponentName, ComponentProps } from '@/lib/content/components'
import { Callout } from './callout'
import { FlowDiagram } from './flow-diagram'

/**
 * The renderer for every component in the content registry. The type makes a
 * registry entry without a renderer (or with the wrong props) a compile error.
 * Static pieces render on the server; interactive ones are client islands.
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
