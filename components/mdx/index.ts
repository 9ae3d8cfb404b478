import type { ComponentType, ReactNode } from 'react'
import type { ComponentName, ComponentProps } from '@/lib/content/components'
import { Callout } from './callout'
import { Checklist } from './checklist'
import { FlowDiagram } from './flow-diagram'

/**
 * The renderer for every component in the content registry. The type makes a
 * registry entry without a renderer (or with the wrong props) a compile error.
 */
export const mdxComponents = {
  Callout,
  Checklist,
  FlowDiagram,
} satisfies { [Name in ComponentName]: ComponentType<ComponentProps<Name> & { children?: ReactNode }> }
