/** Time limits of the smoke stage, in one place. */

/** Each probe request: a hanging endpoint fails its rule after this, and the run goes on. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * DF203: how long /__heartbeat__ may stay 5xx after /__lbheartbeat__ first answered 200, while the app warms up
 * and the sidecars finish starting (with or without services). A 5xx for longer fails.
 */
export const HEARTBEAT_SETTLE_MS = 15000;

/** DF205: how long /__heartbeat__ has to turn 5xx after the services stop. */
export const FAULT_WINDOW_MS = 10000;

/** DF207: `docker stop --time`, the grace between SIGTERM and SIGKILL. */
export const STOP_GRACE_S = 10;

/** Log lines shown when the container crashed. */
export const CRASH_TAIL_LINES = 20;

/** Log lines shown when the test command failed. */
export const TEST_TAIL_LINES = 15;
