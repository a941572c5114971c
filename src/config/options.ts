/**
 * The one catalogue of options. action.yml inputs, CLI flags and `--help` are all derived from (and tested
 * against) this table, so an option cannot exist in one place and be missing in another.
 */
export type OptionKind = 'string' | 'boolean' | 'list' | 'number';

export interface OptionSpec {
  /** Input name in action.yml, and the CLI flag name for scalars (`--startup-timeout`). */
  name: string;
  kind: OptionKind;
  description: string;
  /** Default as the action would see it; empty means "derived" or "none". */
  default?: string;
  /** CLI flag for a list: repeatable, in the singular, as the docker CLI spells it (`--build-arg`). */
  flag?: string;
  /** Lists whose values may hold commas are split on newlines only. */
  newlineOnly?: boolean;
  /** Never accepted as a CLI flag value (the password comes on stdin). */
  actionOnly?: boolean;
  cliOnly?: boolean;
}

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'context', kind: 'string', default: '.', description: 'Build context directory' },
  { name: 'file', kind: 'string', description: 'Dockerfile path (default: {context}/Dockerfile)' },
  {
    name: 'image',
    kind: 'string',
    description: 'Image repository, e.g. mozilla/app (default: the GitHub repository, lower-cased)',
  },
  { name: 'registry', kind: 'string', default: 'docker.io', description: 'Registry host for login and push' },
  {
    name: 'tags',
    kind: 'list',
    flag: 'tag',
    description: 'Explicit tags or full image refs; replace the push policy (accepts docker/metadata-action tags)',
  },
  { name: 'labels', kind: 'list', flag: 'label', newlineOnly: true, description: 'Extra image labels, KEY=VALUE' },
  { name: 'build-args', kind: 'list', flag: 'build-arg', newlineOnly: true, description: 'Build-time variables, KEY=VALUE' },
  { name: 'target', kind: 'string', description: 'Target build stage' },
  { name: 'no-cache', kind: 'boolean', default: 'false', description: 'Do not use the layer cache' },
  { name: 'pull', kind: 'boolean', default: 'false', description: 'Always pull referenced base images' },
  { name: 'cache-from', kind: 'list', flag: 'cache-from', newlineOnly: true, description: 'External cache sources (buildx)' },
  { name: 'cache-to', kind: 'list', flag: 'cache-to', newlineOnly: true, description: 'Cache export destinations (buildx)' },
  {
    name: 'provenance',
    kind: 'string',
    description:
      'Provenance attestation, as docker/build-push-action: false, true, mode=min or mode=max (needs the containerd image store or a docker-container builder)',
  },
  {
    name: 'sbom',
    kind: 'string',
    description: "SBOM attestation, as docker/build-push-action: true, false or generator=IMAGE (needs BuildKit's scanner image)",
  },
  {
    name: 'platforms',
    kind: 'list',
    flag: 'platform',
    description:
      "Target platforms, e.g. linux/amd64,linux/arm64 (default: the engine's own); each is built, run and probed here (others under QEMU), several need the containerd image store",
  },
  {
    name: 'secrets',
    kind: 'list',
    flag: 'secret',
    newlineOnly: true,
    description:
      'Build secrets ID=VALUE, masked and passed to the build by environment (CLI: id=ID,env=VAR or id=ID,src=FILE keep the value out of argv)',
  },
  { name: 'port', kind: 'number', default: '8000', description: 'Port the app listens on by default' },
  { name: 'env', kind: 'list', flag: 'env', newlineOnly: true, description: 'Runtime environment for the container, KEY=VALUE' },
  {
    name: 'env-secrets',
    kind: 'list',
    flag: 'env-secret',
    newlineOnly: true,
    description:
      'Runtime KEY=VALUE entries whose values are all secret, whatever their names: masked, passed in a private env file (CLI: NAME takes the value from your environment)',
  },
  {
    name: 'services',
    kind: 'list',
    flag: 'service',
    newlineOnly: true,
    description: 'Sidecars NAME=IMAGE [KEY=VALUE ...], started on a private network before the app',
  },
  { name: 'test-command', kind: 'string', description: 'Command run as `docker run IMAGE <command>`; must exit 0' },
  {
    name: 'test-platforms',
    kind: 'list',
    flag: 'test-platform',
    description: 'Platforms the test-command runs on (default: every one of platforms)',
  },
  { name: 'static-paths', kind: 'list', flag: 'static-path', description: 'URL paths that must answer 200' },
  { name: 'startup-timeout', kind: 'number', default: '60', description: 'Seconds to wait for /__lbheartbeat__' },
  {
    name: 'min-uptime',
    kind: 'number',
    default: '5',
    description: 'Seconds the app must stay up after it started before DF208 passes (the probes run meanwhile); 0 for none',
  },
  { name: 'checks-ignore', kind: 'list', description: 'Rule IDs to skip, e.g. DF104,DF302' },
  { name: 'fail-on', kind: 'string', default: 'error', description: 'Lowest level that fails the run: error or warning' },
  {
    name: 'secret-scan',
    kind: 'string',
    default: 'new',
    description: 'DF106 layer scan: new (the layers this build wrote) or all (the base image too)',
  },
  { name: 'mozlog', kind: 'string', default: 'warn', description: 'mozlog log lines: off, warn or require' },
  { name: 'version', kind: 'string', description: 'Override the version field of version.json' },
  {
    name: 'push',
    kind: 'string',
    default: 'auto',
    description: 'auto (push policy), true, false, or by-digest (as auto, untagged: each platform of a fan-out, for merge to tag)',
  },
  {
    name: 'tag-policy',
    kind: 'list',
    description:
      'Opt-in extra tags beside latest and git tags: sha (sha-<short>), pr (push pr-<N>, never for forks), semver (vX.Y.Z -> X.Y.Z, X.Y, X)',
  },
  { name: 'username', kind: 'string', description: 'Registry username' },
  {
    name: 'password',
    kind: 'string',
    actionOnly: true,
    description: 'Registry password or access token (CLI: --password-stdin)',
  },
  {
    name: 'registry-auth',
    kind: 'string',
    actionOnly: true,
    description: "More registries to log in to and push to, in docker/login-action's YAML form: a list of registry, username, password",
  },
  {
    name: 'hub-description',
    kind: 'string',
    description: "File (e.g. README.md) whose text becomes the Docker Hub repository's description after a verified push",
  },
  {
    name: 'hub-short-description',
    kind: 'string',
    description: "The Docker Hub repository's short description (at most 100 characters), set after a verified push",
  },
  {
    name: 'pr-comment',
    kind: 'string',
    default: 'true',
    actionOnly: true,
    description: 'Sticky pull request comment with the verdict: true, false or on-failure (needs pull-requests: write)',
  },
  {
    name: 'github-token',
    kind: 'string',
    default: '${{ github.token }}',
    actionOnly: true,
    description: 'Token for the pull request comment',
  },
  {
    name: 'merge',
    kind: 'list',
    newlineOnly: true,
    actionOnly: true,
    description:
      'Merge step of a fan-out (CLI: dockerflow merge): dockerflow-report.json files, or folders holding them, of push: by-digest runs; builds nothing, tags one index of their images',
  },
  { name: 'upload-artifacts', kind: 'boolean', default: 'true', description: 'Upload the out dir as a workflow artifact' },
  { name: 'artifact-name', kind: 'string', default: 'dockerflow', description: 'Name of the uploaded artifact' },
  { name: 'retention-days', kind: 'number', description: 'Artifact retention in days (default: the repository setting)' },
  {
    name: 'out',
    kind: 'string',
    cliOnly: true,
    default: './dockerflow-out',
    description:
      'Folder for the build log, report and other files (a folder under the system temp folder when ./dockerflow-out is inside --context; never seen by the build)',
  },
  { name: 'password-stdin', kind: 'boolean', cliOnly: true, description: 'Read the registry password from standard input' },
  {
    name: 'env-file',
    kind: 'list',
    flag: 'env-file',
    cliOnly: true,
    description: "Read env-secrets from a file of KEY=VALUE lines, as docker run --env-file (a bare KEY takes your environment's value)",
  },
];

export const OPTION_BY_NAME: ReadonlyMap<string, OptionSpec> = new Map(OPTIONS.map((o) => [o.name, o]));

/** The flag a CLI user types for this option. */
export function cliFlag(spec: OptionSpec): string {
  return `--${spec.flag ?? spec.name}`;
}
