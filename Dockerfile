# syntax=docker/dockerfile:1
# Drydock, built once and promoted by tag: dependencies (cached on the manifests
# alone), build, and a runtime stage holding only Next.js's standalone output.

# The current Node.js LTS line. Override with --build-arg NODE_VERSION=22.
ARG NODE_VERSION=24

# ---- dependencies: changes only when package.json or the lockfile does ----
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off: the Prisma client is generated in the build stage,
# and nothing else the build needs runs one.
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- build: compiles the courses and the app ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The schema engine binary is not needed to generate the client.
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate \
 && npm run build \
 && find .next/standalone .next/static -name '*.map' -delete

# ---- runtime: no compilers, no dev dependencies, no Prisma CLI, no source maps ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Drydock" \
      org.opencontainers.image.description="Self-hosted course platform with interactive drills, spaced-repetition review and cohort progress" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_TELEMETRY_DISABLED=1 \
    DRYDOCK_VERSION=${VERSION}
WORKDIR /app
# Owned by root and read-only to the app user: a compromised process cannot rewrite the app.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server applies pending migrations (under an advisory lock) and syncs the
# catalogue before it accepts requests; see instrumentation.ts.
CMD ["node", "server.js"]
