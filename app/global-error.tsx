'use client'

/** Last resort when the root layout itself fails: no styles can be assumed, so it stays plain. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '4rem auto', padding: '0 1rem' }}>
        <main>
          <h1>Drydock could not load this page</h1>
          <p>Your saved progress is safe. Reload in a moment, or try again now.</p>
          <button type="button" onClick={reset} style={{ minHeight: '44px', padding: '0 1rem' }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  )
}
