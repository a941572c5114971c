/**
 * Names that say "this holds a secret": used to mask `env` entries and by DF106 on the image's ENV.
 * Matches whole words of an env name (DB_PASSWORD, API_KEY, GITHUB_TOKEN), not substrings of others
 * (KEYBOARD_LAYOUT, TOKENIZER_PATH stay public).
 */
const SECRET_WORDS =
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CREDENTIALS?|AUTH|DSN)($|_)/i;

/** Glued suffixes that still mean a secret: PGPASSWORD, MYSECRET, SLACKTOKEN. */
const SECRET_SUFFIX = /(PASSWORD|PASSWD|SECRET|TOKEN)$/i;

export function isSecretName(name: string): boolean {
  const n = name.replace(/[-.]/g, '_');
  return SECRET_WORDS.test(n) || SECRET_SUFFIX.test(n);
}
