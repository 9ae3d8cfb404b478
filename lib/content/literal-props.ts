import type { Expression, Node as EstreeNode, Program } from 'estree'
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'

/**
 * Reads a component's attributes without running any code. Lessons are data:
 * the check, the item registry and the database all need the same props the
 * page will render, so anything that would only be known at run time (a
 * variable, a call, a spread) is refused.
 */

export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue }

export type LiteralPropsResult =
  | { ok: true; props: Record<string, LiteralValue> }
  | { ok: false; errors: { prop: string; message: string }[] }

export const NOT_LITERAL = 'props must be literal values'

export function evaluateLiteralProps(element: MdxJsxFlowElement | MdxJsxTextElement): LiteralPropsResult {
  const props: Record<string, LiteralValue> = {}
  const errors: { prop: string; message: string }[] = []
  const seen = new Set<string>()

  for (const attribute of element.attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      errors.push({ prop: `{${attribute.value}}`, message: `${NOT_LITERAL}; spread attributes are not allowed` })
      continue
    }
    const { name, value } = attribute
    if (seen.has(name)) {
      errors.push({ prop: name, message: 'is given twice' })
      continue
    }
    seen.add(name)
    if (value === null || value === undefined) {
      // <Component flag /> means flag={true}, as in JSX.
      props[name] = true
    } else if (typeof value === 'string') {
      props[name] = value
    } else {
      const expression = singleExpression(value.data?.estree)
      const evaluated = expression ? evaluate(expression) : undefined
      if (evaluated === undefined) {
        errors.push({ prop: name, message: `${NOT_LITERAL}; {${value.value.trim()}} is not one` })
      } else {
        props[name] = evaluated.value
      }
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, props }
}

function singleExpression(program: Program | null | undefined): Expression | undefined {
  const statement = program?.body.length === 1 ? program.body[0] : undefined
  return statement?.type === 'ExpressionStatement' ? statement.expression : undefined
}

/** Returns the value wrapped, so that a literal `null` is told apart from "not a literal". */
function evaluate(node: EstreeNode): { value: LiteralValue } | undefined {
  switch (node.type) {
    case 'Literal': {
      const { value } = node
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return { value }
      if (typeof value === 'number' && Number.isFinite(value)) return { value }
      return undefined // regular expressions and bigints
    }
    case 'UnaryExpression': {
      if (node.operator !== '-' || node.argument.type !== 'Literal') return undefined
      const { value } = node.argument
      return typeof value === 'number' ? { value: -value } : undefined
    }
    case 'TemplateLiteral': {
      const [quasi] = node.quasis
      if (node.expressions.length > 0 || !quasi || typeof quasi.value.cooked !== 'string') return undefined
      return { value: quasi.value.cooked }
    }
    case 'ArrayExpression': {
      const items: LiteralValue[] = []
      for (const element of node.elements) {
        if (element === null || element.type === 'SpreadElement') return undefined
        const item = evaluate(element)
        if (!item) return undefined
        items.push(item.value)
      }
      return { value: items }
    }
    case 'ObjectExpression': {
      const object: Record<string, LiteralValue> = {}
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.kind !== 'init' || property.computed) return undefined
        if (property.method || property.shorthand) return undefined
        const key = propertyKey(property.key)
        if (key === undefined || key === '__proto__') return undefined
        const item = evaluate(property.value)
        if (!item) return undefined
        object[key] = item.value
      }
      return { value: object }
    }
    default:
      return undefined
  }
}

function propertyKey(key: EstreeNode): string | undefined {
  if (key.type === 'Identifier') return key.name
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value)
  return undefined
}
