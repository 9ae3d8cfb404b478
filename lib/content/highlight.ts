import type { Options as PrettyCodeOptions } from 'rehype-pretty-code'

/**
 * Code is highlighted once, at build time, with two themes. Shiki writes each
 * token's colour for both as CSS variables (--shiki-light, --shiki-dark), so the
 * page switches theme with a class and never recompiles; components/mdx/code.css
 * picks the variable.
 */
export const prettyCodeOptions: PrettyCodeOptions = {
  theme: { light: 'github-light', dark: 'github-dark' },
  keepBackground: true,
  // Fenced blocks without a language still get the figure, so every block looks alike.
  defaultLang: { block: 'plaintext' },
  // Inline `code` keeps the typography styles; highlighting it only adds noise.
  bypassInlineCode: true,
  transformers: [
    {
      // Two colours of the GitHub themes fall short of WCAG AA on their own backgrounds:
      // light orange (#E36209, 3.5:1 on white) and dark-theme comments (#6A737D, 3.1:1).
      name: 'drydock:aa-contrast',
      span(node) {
        const style = node.properties.style
        if (typeof style !== 'string') return
        node.properties.style = style
          .replace(/--shiki-light:#e36209/gi, '--shiki-light:#B35900')
          .replace(/--shiki-dark:#6a737d/gi, '--shiki-dark:#959DA5')
      },
    },
  ],
}

/**
 * The languages a lesson may fence, mapped to what shiki loads. A lesson using
 * anything else is a content error rather than a silently grey block, and the
 * list stays small so a build loads few grammars.
 */
export const CODE_LANGUAGES: Readonly<Record<string, string>> = {
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  yaml: 'yaml',
  yml: 'yaml',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  console: 'shellsession',
  shellsession: 'shellsession',
  python: 'python',
  py: 'python',
  ts: 'typescript',
  typescript: 'typescript',
  json: 'json',
  text: 'plaintext',
  txt: 'plaintext',
  plaintext: 'plaintext',
}
