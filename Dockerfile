# Regulatory Timeline: one image for the api (default command) and the projector
# (`node dist/apps/projector/src/main.js`). Build: docker build -t regulatory-timeline .

# --- build: compile TypeScript, then drop dev dependencies ------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary matches
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production dependencies only, as the non-root node user -----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
# package.json carries "type": "module", which the compiled ESM needs at run time
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
# dist holds the apps, the libraries and the compiled seeds (the source notices, with quotes)
COPY --from=build /app/dist ./dist
# the regtl command (package.json bin), which loads dist
COPY --from=build /app/bin ./bin
# the only writable place: SQLite when no EVENTSTORE_CONNECTION_STRING is set
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
