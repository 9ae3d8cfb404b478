/**
 * The Dockerfiles the caching lessons are built around, kept here so the
 * widget's demos and the tests tell the same story.
 */

/** Copies everything before installing: any code edit reinstalls every package. */
export const NAIVE_PYTHON = `FROM python:3.11
COPY . .
RUN pip install -r requirements.txt
`

/** The fix: copy the manifest, install, then copy the code. */
export const OPTIMISED_PYTHON = `FROM python:3.11
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
`

/** The course's API Dockerfile with the instructions in a poor order, for the reordering exercise. */
export const SCRAMBLED_PYTHON_API = `FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends \\
    gcc \\
    libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`

/** A two-stage Node build: compile in one stage, ship only the output and production dependencies. */
export const MULTI_STAGE_NODE = `FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/server.js"]
`
