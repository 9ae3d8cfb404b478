import type { ParsedInstruction, ParsedStage } from './parse'

/**
 * Estimated seconds for each kind of step when it has to run, on a laptop with
 * a decent connection. They are rough on purpose: the lesson is about which
 * layers rebuild and the order of magnitude, not a benchmark. The course's
 * own numbers (45 s first build of a Python API, 2 s after a code-only edit
 * once the install is cached) are the yardstick. A reused layer costs 0.
 *
 * | Step                                                           | Seconds |
 * |----------------------------------------------------------------|---------|
 * | FROM, pulling a full image (python:3.11, node:20, ~1 GB)       | 25      |
 * | FROM, pulling a -slim image (~150 MB)                          | 8       |
 * | FROM, pulling an -alpine or distroless image                   | 3       |
 * | FROM scratch, or FROM an earlier stage                         | 0       |
 * | Metadata (ENV, ARG, EXPOSE, CMD, ENTRYPOINT, LABEL, USER, …)   | 0       |
 * | WORKDIR (creates the folder: a real, tiny layer)               | 0.1     |
 * | COPY/ADD from the context: fixed part                          | 0.3     |
 * | COPY/ADD from the context: per MB copied                       | 0.02    |
 * | COPY --from another stage                                      | 1       |
 * | ADD of a URL or git repository                                 | 3       |
 * | apt-get update                                                 | 6       |
 * | apt-get / apt install                                          | 15      |
 * | apk add                                                        | 4       |
 * | yum / dnf install                                              | 20      |
 * | npm ci / npm install / yarn / pnpm install / bun install       | 35      |
 * | pip install / poetry / pipenv / uv sync                        | 40      |
 * | go mod download                                                | 20      |
 * | bundle install                                                 | 40      |
 * | composer install                                               | 25      |
 * | cargo build                                                    | 90      |
 * | mvn / gradle                                                   | 60      |
 * | go build                                                       | 15      |
 * | App build (npm run build, yarn build, tsc, vite, next, make)   | 12      |
 * | Any other RUN                                                  | 1       |
 * | RUN --mount=type=cache: installs cost this fraction            | 0.3     |
 * | Per build: sending the context and writing the image           | 1       |
 *
 * Metadata costs 0 because BuildKit only edits the image config for those;
 * they still rebuild after an earlier layer rebuilds, and the widget shows it.
 * A RUN with several commands (`apt-get update && apt-get install …`) adds up
 * the steps it recognises.
 */
export interface CostTable {
  pullFull: number
  pullSlim: number
  pullAlpine: number
  pullScratch: number
  fromStage: number
  metadata: number
  workdir: number
  copyBase: number
  copyPerMb: number
  copyFromStage: number
  addRemote: number
  aptUpdate: number
  aptInstall: number
  apkAdd: number
  yumInstall: number
  npmInstall: number
  pipInstall: number
  goModDownload: number
  bundleInstall: number
  composerInstall: number
  cargoBuild: number
  javaBuild: number
  goBuild: number
  appBuild: number
  runOther: number
  cacheMountFactor: number
  buildOverhead: number
}

export const DEFAULT_COSTS: Readonly<CostTable> = Object.freeze({
  pullFull: 25,
  pullSlim: 8,
  pullAlpine: 3,
  pullScratch: 0,
  fromStage: 0,
  metadata: 0,
  workdir: 0.1,
  copyBase: 0.3,
  copyPerMb: 0.02,
  copyFromStage: 1,
  addRemote: 3,
  aptUpdate: 6,
  aptInstall: 15,
  apkAdd: 4,
  yumInstall: 20,
  npmInstall: 35,
  pipInstall: 40,
  goModDownload: 20,
  bundleInstall: 40,
  composerInstall: 25,
  cargoBuild: 90,
  javaBuild: 60,
  goBuild: 15,
  appBuild: 12,
  runOther: 1,
  cacheMountFactor: 0.3,
  buildOverhead: 1,
})

/** What a RUN command does, as far as caching lessons care. */
export type RunStepKind = 'system-packages' | 'dependencies' | 'build' | 'other'

interface RunPattern {
  pattern: RegExp
  kind: RunStepKind
  cost: keyof CostTable
}

// Checked per shell segment (split on && ; || |), first match wins.
const RUN_PATTERNS: RunPattern[] = [
  { pattern: /\bapt(-get)?\s+(-\S+\s+)*update\b/, kind: 'system-packages', cost: 'aptUpdate' },
  {
    pattern: /\bapt(-get)?\s+(-\S+\s+)*(install|upgrade|dist-upgrade)\b/,
    kind: 'system-packages',
    cost: 'aptInstall',
  },
  { pattern: /\bapk\s+(-\S+\s+)*(add|upgrade)\b/, kind: 'system-packages', cost: 'apkAdd' },
  {
    pattern: /\b(yum|dnf|microdnf)\s+(-\S+\s+)*install\b/,
    kind: 'system-packages',
    cost: 'yumInstall',
  },
  {
    pattern:
      /\b(npm|pnpm|bun)\s+run\s+build\b|\byarn\s+(run\s+)?build\b|\btsc\b|\b(vite|next|nuxt|astro)\s+build\b|^\s*make\b|\bdotnet\s+(build|publish)\b|\bcompileall\b/,
    kind: 'build',
    cost: 'appBuild',
  },
  {
    pattern:
      /\bnpm\s+(ci|install|i)\b|\bpnpm\s+(install|i)\b|\bbun\s+install\b|^\s*yarn(\s+install)?(\s+--?\S+)*\s*$/,
    kind: 'dependencies',
    cost: 'npmInstall',
  },
  {
    pattern:
      /\bpip3?\s+install\b|\bpoetry\s+install\b|\bpipenv\s+(install|sync)\b|\buv\s+(sync|pip\s+install)\b|\bconda\s+(install|env\s+create)\b/,
    kind: 'dependencies',
    cost: 'pipInstall',
  },
  { pattern: /\bgo\s+mod\s+download\b/, kind: 'dependencies', cost: 'goModDownload' },
  {
    pattern: /\bbundle(\s+install)?\s*(--?\S+\s*)*$|\bbundle\s+install\b/,
    kind: 'dependencies',
    cost: 'bundleInstall',
  },
  { pattern: /\bcomposer\s+install\b/, kind: 'dependencies', cost: 'composerInstall' },
  { pattern: /\bcargo\s+(build|install)\b/, kind: 'build', cost: 'cargoBuild' },
  { pattern: /\b(mvn|mvnw|gradle|gradlew)\b/, kind: 'build', cost: 'javaBuild' },
  { pattern: /\bgo\s+(build|install)\b/, kind: 'build', cost: 'goBuild' },
]

export interface RunStep {
  segment: string
  kind: RunStepKind
  cost: keyof CostTable | null
}

/** Splits a shell command into its steps and recognises the ones that matter for cost and order. */
export function classifyRun(command: string): RunStep[] {
  return command
    .split(/&&|\|\||;|\||\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((segment) => {
      const hit = RUN_PATTERNS.find((p) => p.pattern.test(segment))
      return { segment, kind: hit?.kind ?? 'other', cost: hit?.cost ?? null }
    })
}

export function runKinds(command: string): Set<RunStepKind> {
  return new Set(classifyRun(command).map((s) => s.kind))
}

export function resolveCosts(overrides?: Partial<CostTable>): CostTable {
  return { ...DEFAULT_COSTS, ...(overrides ?? {}) }
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100
}

/** Seconds to pull a base image, judged from its tag and name. */
export function pullCost(
  stage: Pick<ParsedStage, 'imageName' | 'tag'>,
  image: string,
  costs: CostTable,
): number {
  const name = stage.imageName.toLowerCase()
  const reference = image.toLowerCase()
  if (name === 'scratch') return costs.pullScratch
  if (/alpine|distroless|busybox|chainguard/.test(reference)) return costs.pullAlpine
  if (/slim|minimal|micro/.test(reference)) return costs.pullSlim
  return costs.pullFull
}

/** Seconds a RUN takes when it has to run. */
export function runCost(command: string, cacheMount: boolean, costs: CostTable): number {
  let total = 0
  for (const step of classifyRun(command)) {
    if (step.cost === null) continue
    const seconds = costs[step.cost]
    const cached = cacheMount && (step.kind === 'dependencies' || step.kind === 'system-packages')
    total += cached ? seconds * costs.cacheMountFactor : seconds
  }
  return round(total > 0 ? total : costs.runOther)
}

/** Seconds a COPY or ADD takes when it has to run, given how much it copies. */
export function copyCost(
  ins: Pick<ParsedInstruction, 'copy'>,
  copiedKb: number,
  costs: CostTable,
): number {
  const copy = ins.copy
  if (!copy) return costs.copyBase
  if (copy.remote) return costs.addRemote
  if (copy.fromStage !== null || copy.fromImage !== null) return costs.copyFromStage
  return round(costs.copyBase + (copiedKb / 1024) * costs.copyPerMb)
}

export function metadataCost(keyword: string, costs: CostTable): number {
  return keyword === 'WORKDIR' ? costs.workdir : costs.metadata
}
