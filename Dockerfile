# syntax=docker/dockerfile:1
# CER Analytics: one image for the web server (`node server.js`, the default) and the Inngest worker
# (`node worker.js`). Node 24 LTS here; the dev machines run Node 20 (package.json engines: >=20.9).
# Three stages: dependencies, the build (Next's standalone output), and a runtime holding only the
# standalone folder (server, traced node_modules, build, static files, public/, worker launcher).
# Not built on the dev machines (no Docker engine there); CI builds it (.github/workflows/ci.yml).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs its install script (native parts come as prebuilt optional
# packages), and it keeps @scarf/scarf's install telemetry from running, as package.json's allowScripts does.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# next build, then .next/static, public/ and worker.js copied into .next/standalone (the same step as npm test).
RUN node scripts/ensure-build.mjs

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# server.js binds HOSTNAME; Docker would otherwise leave the container's own name there.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
# Where the generated secret is kept when AUTH_SECRET is unset (set AUTH_SECRET in production).
RUN mkdir -p /app/.cer-data && chown node:node /app/.cer-data
USER node
EXPOSE 3000
# Liveness only: /api/health answers while the process serves. Orchestrators should gate traffic on
# readiness, GET /api/ready (store, start-up, job provider). The worker listens on WORKER_PORT (3288):
# compose.yaml gives it its own health check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1's only process and gets SIGTERM itself.
CMD ["node", "server.js"]
