/** Time limits of the smoke stage, in one place. */

/** Each probe request: a hanging endpoint fails its rule after this, and the run goes on. */
export const PROBE_TIMEOUT_MS = 5000;

/** DF203 with services: how long /__heartbeat__ may stay 5xx while the sidecars finish starting. */
export const SERVICE_WARMUP_MS = 15000;

/** DF205: how long /__heartbeat__ has to turn 5xx after the services stop. */
export const FAULT_WINDOW_MS = 10000;

/** DF207: `docker stop --time`, the grace between SIGTERM and SIGKILL. */
export const STOP_GRACE_S = 10;

/** Log lines shown when the container crashed. */
export const CRASH_TAIL_LINES = 20;

/** Log lines shown when the test command failed. */
export const TEST_TAIL_LINES = 15;
