/** Time limits of the smoke stage, in one place. */

/**
 * A platform that is not this machine's CPU runs under QEMU user emulation (binfmt_misc): every instruction of the
 * app is translated, while its system calls (files, sockets, the container's start) run natively in the host
 * kernel. Measured here (docs/engines.md): Node's own CPU-bound work is 20–50× slower, the fixtures' start to their
 * first 200 from /__lbheartbeat__ 5–25× (0.4 s against 3–8.9 s, the higher on a loaded machine). A limit is set for
 * the slowest start a user expects natively, well above the typical one, so ×10 covers the emulated start. The limits
 * that wait for the app's own work (`startup-timeout`, the DF203 settle) are multiplied by this factor on an
 * emulated platform: a ceiling only, so an app that is ready sooner is judged as soon, and one that crashed is
 * judged at once. The rules' own thresholds (DF207's 10 s, `min-uptime`) are requirements of the app, not limits
 * of this tool, and stay as they are.
 */
export const EMULATION_FACTOR = 10;

/** `ms` on a native platform, `ms × EMULATION_FACTOR` on an emulated one. */
export const emulatedLimit = (ms: number, emulated: boolean): number => (emulated ? ms * EMULATION_FACTOR : ms);

/** Each probe request: a hanging endpoint fails its rule after this, and the run goes on. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * DF203: how long /__heartbeat__ may stay 5xx after /__lbheartbeat__ first answered 200, while the app warms up
 * and the sidecars finish starting (with or without services). A 5xx for longer fails.
 */
export const HEARTBEAT_SETTLE_MS = 15000;

/** DF203: a 5xx /__heartbeat__ is asked again this often while it may settle. */
export const HEARTBEAT_RETRY_MS = 250;

/** DF205: how long /__heartbeat__ has to turn 5xx after the services stop, */
export const FAULT_WINDOW_MS = 10000;
/** ... polled this often. */
export const FAULT_POLL_MS = 100;

/** DF207: `docker stop --time`, the grace between SIGTERM and SIGKILL. */
export const STOP_GRACE_S = 10;

/** DF201/DF202: /__lbheartbeat__ is polled this often while the app starts. */
export const READY_POLL_MS = 50;

/** A progress line this often while the app is not ready yet. */
export const READY_PROGRESS_MS = 10_000;

/** How long a /__lbheartbeat__ that answers 4xx is given before it counts as missing (a router still mounting). */
export const LBHEARTBEAT_MISSING_AFTER_MS = 2000;

/** DF201: a loopback-only listener on `$PORT` is judged once it has been seen this long (one more read confirms it). */
export const LOOPBACK_AFTER_MS = 300;

/** DF201: listeners only on other ports are judged after this long: an app may open an admin port before its main one. */
export const OTHER_PORT_AFTER_MS = 1000;

/** The probes' connections: a connect that takes longer fails, an idle kept-alive one is closed after this. */
export const PROBE_CONNECT_TIMEOUT_MS = 2000;
export const PROBE_KEEPALIVE_MS = 1000;

/**
 * DF207/DF208: after `docker stop` returned, or a probe failed on a container the engine says has stopped, how
 * long `docker wait` has to report its exit code.
 */
export const EXIT_REPORT_MS = 5000;

/** DF301/DF302: once the container stopped, its log stream is waited for until it is idle this long, */
export const LOG_SETTLE_MS = 3000;
/** ... and at most this long in all (a flood of output still being delivered). */
export const LOG_SETTLE_MAX_MS = 60_000;
/** DF208: the same wait before a crash report takes the last log lines. */
export const CRASH_LOG_SETTLE_MS = 1500;

/** Log lines shown when the container crashed. */
export const CRASH_TAIL_LINES = 20;

/** Log lines shown when the test command failed. */
export const TEST_TAIL_LINES = 15;
