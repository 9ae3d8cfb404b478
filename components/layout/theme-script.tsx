/**
 * Runs before first paint so a dark-theme reader never sees a white flash.
 * The choice is 'light', 'dark' or absent (follow the system setting).
 */
export const THEME_STORAGE_KEY = 'drydock:theme'

export const themeScript = `(function(){try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');var d=t==='dark'||(t!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d)}catch(e){}})()`

export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: themeScript }} />
}
