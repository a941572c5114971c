import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import type { Config } from '../config/config.js';
import { platformShasums, type OutFiles } from '../report/out-files.js';

export interface Uploaded {
  id: number;
  url: string | null;
}

/**
 * Upload the out dir as one workflow artifact, also when the run failed (that is when the log matters most).
 * @actions/artifact is loaded only here, so the CLI and runs without uploads never pay for it.
 */
export async function uploadOutDir(config: Config, files: OutFiles, env: NodeJS.ProcessEnv): Promise<Uploaded | null> {
  if (!config.uploadArtifacts) return null;
  // The runner's token, or @github/local-action's artifact folder (its stub of @actions/artifact writes there).
  if (!env.ACTIONS_RUNTIME_TOKEN && !env.LOCAL_ACTION_ARTIFACT_PATH) {
    core.info('Not uploading the artifact: no ACTIONS_RUNTIME_TOKEN (not running in GitHub Actions); the files are in ' + files.dir);
    return null;
  }
  const paths = [files.buildLog, files.shasum, ...platformShasums(files), files.versionJson, files.report].filter((f) => existsSync(f));
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const res = await new DefaultArtifactClient().uploadArtifact(config.artifactName, paths, files.dir, {
      ...(config.retentionDays !== null ? { retentionDays: config.retentionDays } : {}),
    });
    const id = res.id ?? 0;
    const url =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID && id
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`
        : null;
    core.info(`Uploaded artifact ${config.artifactName} (${paths.length} files)${url ? `: ${url}` : ''}`);
    return { id, url };
  } catch (e) {
    // A failed upload must not hide the verdict; it is reported as a warning with the way out.
    core.warning(
      `uploading the artifact "${config.artifactName}" failed: ${(e as Error).message}; the files are in ${files.dir} (an artifact of that name may already exist in this run: set artifact-name)`,
    );
    return null;
  }
}
