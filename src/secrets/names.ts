/**
 * The one rule for "this holds a secret", used by `env`, `services`, `build-args` and DF106 (the image's ENV).
 * It follows BuildKit's `SecretsUsedInArgOrEnv` check: a name is secret when one of its words (split on `_`) is
 * a secret word, unless a word says it is public. On top of BuildKit: glued suffixes (PGPASSWORD, SIGNINGKEY),
 * `PASSPHRASE`, `*_KEY_ID` public, and values that are secret whatever their name (a URL with a password, a
 * private key in PEM form, a `*_DSN` with userinfo). Documented in docs/rules.md (DF106).
 */
const SECRET_WORDS =
  /(^|_)(PASSWORD|PASSWD|PWORD|PASS|PWD|PASSPHRASE|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|KEY|CREDENTIAL|CREDENTIALS|AUTH)($|_)/i;

/** Glued suffixes that still mean a secret: PGPASSWORD, MYSECRET, SLACKTOKEN, SIGNINGKEY, APIKEY. */
const SECRET_SUFFIX = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIALS)$/i;

/**
 * Names that hold public values although they have a secret word: `*_PUBLIC_KEY` (any name with the word
 * PUBLIC, as in BuildKit) and key identifiers (`AWS_ACCESS_KEY_ID`, `GPG_KEY_ID`, `SIGNING_KEYID`).
 */
const PUBLIC_NAME = /(^|_)PUBLIC($|_)|KEY_?ID$/i;

/** `*_DSN` names: secret when the value carries userinfo (`https://key@sentry.io/1`). */
const DSN_NAME = /(^|_)DSN$/i;

export function isSecretName(name: string): boolean {
  const n = name.replace(/[-.]/g, '_');
  if (PUBLIC_NAME.test(n)) return false;
  return SECRET_WORDS.test(n) || SECRET_SUFFIX.test(n);
}

/** The password of a URL in the value (`postgres://user:pw@db/app`), as written (percent-encoded or not). */
export function urlPassword(value: string): string | null {
  const m = /[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^@/\r\n]+)@/i.exec(value);
  return m ? m[1]! : null;
}

/** A private key in PEM form (RSA, EC, OPENSSH, ENCRYPTED, PGP...). */
export function holdsPrivateKey(value: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(value);
}

/**
 * The secret parts of an entry, by the one rule: the whole value when the name says secret, the value holds a
 * private key, or a `*_DSN` carries userinfo; the URL password otherwise (the rest of a URL stays readable).
 * Empty when the entry is public.
 */
export function secretParts(name: string, value: string): { whole: boolean; value: string }[] {
  if (value === '') return [];
  if (isSecretName(name) || holdsPrivateKey(value) || (DSN_NAME.test(name) && /:\/\/[^/@\s]+@/.test(value)))
    return [{ whole: true, value }];
  const pw = urlPassword(value);
  if (!pw) return [];
  const parts = [{ whole: false, value: pw }];
  try {
    const decoded = decodeURIComponent(pw);
    if (decoded !== pw) parts.push({ whole: false, value: decoded });
  } catch {
    // not percent-encoded
  }
  return parts;
}

/** True when any part of the entry is secret. */
export function isSecretEntry(name: string, value: string): boolean {
  return secretParts(name, value).length > 0;
}

/**
 * Variables the docker CLI (and its buildx plugin) reads from its own environment: a container variable or
 * build arg of that name must never be put in the docker CLI's environment, or it would change which daemon,
 * config, proxy or program docker uses.
 */
export function isDockerCliVariable(name: string): boolean {
  return (
    /^(DOCKER|BUILDX|BUILDKIT|COMPOSE|NOTARY|OTEL|GO|XDG|SSL|LD|DYLD)_/i.test(name) ||
    /^(PATH|HOME|USER|SHELL|TMPDIR|TEMP|TMP|TERM|LANG|GODEBUG|GOMAXPROCS|(HTTPS?|NO|ALL|FTP)_PROXY)$/i.test(name)
  );
}
