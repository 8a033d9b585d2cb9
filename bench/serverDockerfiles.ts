// Dockerfiles for the server benchmark: a typical 100-line multi-stage build and a 1,300-line
// one (the size where dockerfile-utils' validate takes tens of milliseconds).

function stage(name: string, i: number): string[] {
  return [
    `FROM node:22-bookworm AS ${name}`,
    'ARG NODE_ENV=production',
    `ENV APP_HOME=/srv/${name} \\`,
    '    NPM_CONFIG_LOGLEVEL=warn',
    'WORKDIR $APP_HOME',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends ca-certificates curl git \\',
    '    && rm -rf /var/lib/apt/lists/*',
    `COPY packages/shared/src ./shared/src`,
    `COPY package.json ./`,
    'RUN npm ci --omit=dev \\',
    '    && npm cache clean --force',
    `# stage ${i}: build the ${name} bundle`,
    `RUN node -e "console.log('${name}')" \\`,
    `    && mkdir -p /out/${name}`,
    `LABEL org.opencontainers.image.title="${name}"`,
    'EXPOSE 8080',
    'USER node',
    '',
  ];
}

function head(): string[] {
  return ['# syntax=docker/dockerfile:1', 'ARG BASE=node:22-bookworm', 'LABEL bench.round="0"', ''];
}

function tail(): string[] {
  return [
    'FROM gcr.io/distroless/nodejs22-debian12',
    'COPY --from=web /out/web /app/web',
    'COPY --from=api /out/api /app/api',
    'HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "/app/api/health.js"]',
    'ENTRYPOINT ["/nodejs/bin/node"]',
    'CMD ["/app/api/index.js"]',
    '',
  ];
}

function build(target: number): string {
  const lines = head();
  const names = ['web', 'api', 'worker', 'shared'];
  for (let i = 0; lines.length + 7 + 19 <= target; i++)
    lines.push(...stage(i < names.length ? names[i]! : `svc${i}`, i));
  lines.push(...tail());
  while (lines.length < target) lines.splice(lines.length - 1, 0, `# padding ${lines.length}`);
  return `${lines.slice(0, target).join('\n')}\n`;
}

export const typicalDockerfile = (): string => build(100);
export const longDockerfile = (): string => build(1300);
