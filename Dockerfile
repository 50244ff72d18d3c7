# syntax=docker/dockerfile:1
# One image for every process; its first argument picks one: gateway, identity, resumes, media,
# sms, or all-in-one (the default). The build's work is scripts/deploy.mjs, which CI runs too
# (.ci/run), then starts every process from its output as docker-compose.yml would.
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS build
# Node.js 25 and later ship without corepack, which brings the pnpm that package.json pins.
RUN npm install --global corepack@0.34.6 && corepack enable
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 CI=true npm_config_store_dir=/pnpm/store
WORKDIR /src
# Dependencies first, from the manifests and the lockfile only: this layer is rebuilt when one
# of them changes, not when the code does. The store lives in a cache kept between builds.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY gateway/package.json gateway/
COPY packages/bus/package.json packages/bus/
COPY packages/contracts/package.json packages/contracts/
COPY packages/h5/package.json packages/h5/
COPY packages/kit/package.json packages/kit/
COPY packages/platform/package.json packages/platform/
COPY packages/simulators/package.json packages/simulators/
COPY packages/store/package.json packages/store/
COPY packages/testing/package.json packages/testing/
COPY packages/wechat/package.json packages/wechat/
COPY services/identity/package.json services/identity/
COPY services/media/package.json services/media/
COPY services/resumes/package.json services/resumes/
COPY services/sms/package.json services/sms/
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store corepack pnpm install --frozen-lockfile
COPY . .
# Builds, then writes the compiled code and the production dependencies (nothing else) to /app.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store node scripts/deploy.mjs /app

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# A container's loopback is its own: to be reached through the compose network or a published
# port, a process listens on every interface of its container.
ENV HOST=0.0.0.0
WORKDIR /app
# The code belongs to root and is only read; the process writes nothing but /app/data.
COPY --from=build /app /app
RUN mkdir /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 8080
ENTRYPOINT ["node", "scripts/service.mjs"]
CMD ["all-in-one"]
