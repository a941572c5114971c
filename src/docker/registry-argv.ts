/**
 * argv for every registry command, built in one place. The password never appears here: `docker login` reads it
 * from stdin (`--password-stdin`), fed through the runner's `input`.
 */
import { isDockerHub } from '../config/image-ref.js';

/** The server name `docker login`/`logout` take: Docker Hub's aliases all mean the default index. */
export function loginServer(registry: string): string {
  return isDockerHub(registry) ? 'docker.io' : registry;
}

export function loginArgv(registry: string, username: string): string[] {
  return ['docker', 'login', '--username', username, '--password-stdin', loginServer(registry)];
}

export function logoutArgv(registry: string): string[] {
  return ['docker', 'logout', loginServer(registry)];
}

/** Point `ref` at exactly the image this run built (another run on the daemon may have moved the name). */
export function tagArgv(imageId: string, ref: string): string[] {
  return ['docker', 'tag', imageId, ref];
}

export function pushArgv(ref: string): string[] {
  return ['docker', 'push', ref];
}

/**
 * One index, pushed under every tag of `tags`, of the images `sources` name by digest (`repo@sha256:…`): the
 * merge of by-digest pushes. buildx copies what the sources' repositories hold; nothing is built.
 */
export function imagetoolsCreateArgv(tags: readonly string[], sources: readonly string[]): string[] {
  return ['docker', 'buildx', 'imagetools', 'create', ...tags.flatMap((t) => ['--tag', t]), ...sources];
}
