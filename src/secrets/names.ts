/**
 * Names that say "this holds a secret": used to mask `env` entries and by DF106 on the image's ENV.
 * Matches whole words of an env name (DB_PASSWORD, API_KEY, GITHUB_TOKEN), not substrings of others
 * (KEYBOARD_LAYOUT, TOKENIZER_PATH stay public).
 */
const SECRET_WORDS =
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET_KEY|CREDENTIALS?|AUTH|DSN)($|_)/i;

export function isSecretName(name: string): boolean {
  return SECRET_WORDS.test(name.replace(/[-.]/g, '_'));
}
