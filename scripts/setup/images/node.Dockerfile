# A local stand-in for the official node:24-slim image: Debian bookworm + the official Node 24 binary + npm.
FROM debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node/ /usr/local/
COPY npm/ /usr/local/lib/node_modules/npm/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && rm -rf /usr/local/include /usr/local/share/doc /usr/local/README.md /usr/local/CHANGELOG.md /usr/local/LICENSE \
 && node --version && npm --version
# This machine reaches the npm registry through its own CA: keep it trusted inside the image.
ENV NODE_VERSION=24 NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
