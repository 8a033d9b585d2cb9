// Whether a file that is named like a credential holds one (issue 14): a private-key header, a
// cloud credential format, or an assignment to a *_KEY/TOKEN/SECRET/PASSWORD name whose value is
// neither a placeholder nor a public build setting. Never returns or logs the value itself.

/** Formats that are credentials wherever they appear. */
const FORMATS: RegExp[] = [
  /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /"type"\s*:\s*"service_account"/,
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/,
  /\bglpat-[A-Za-z0-9_-]{20}\b/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\bsk_live_[0-9a-zA-Z]{24,}\b/,
  /\bAIza[0-9A-Za-z_-]{35}\b/,
];

const SECRET_NAME = /(^|_)(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|PASS|CREDENTIALS?|AUTH|DSN)(_|$)/i;
/** Names frameworks inline into the client bundle: public by design. */
const PUBLIC_NAME = /^(EXPO_PUBLIC_|VITE_|NEXT_PUBLIC_|REACT_APP_|NUXT_PUBLIC_|GATSBY_|PUBLIC_)/;
const PLACEHOLDER =
  /^(changeme|change_me|change-me|replace_?me|x+|\*+|\.+|todo|tbd|secret|password|passwd|example|dummy|test|testing|none|null|nil|false|true|default|your[-_].*|.*_here|<.*>|\[.*\]|\{\{.*\}\}|\$\{.*\}|\$[A-Za-z_][A-Za-z0-9_]*)$/i;

/** Bits of entropy per character: a real token is random, a word or a path is not. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

function secretValue(raw: string): boolean {
  const v = raw
    .trim()
    .replace(/\s+#.*$/, '')
    .replace(/^(['"])(.*)\1$/, '$2');
  if (v.length < 8 || PLACEHOLDER.test(v) || v.includes('${') || /^\$\(/.test(v)) return false;
  // Paths, URLs without credentials and plain words are settings.
  if (/^[./~]/.test(v) || (/^[a-z]+:\/\//i.test(v) && !/:\/\/[^/\s:@]+:[^/\s@]+@/.test(v))) return false;
  return entropy(v) >= 3;
}

/** An env-style file (KEY=value lines) with at least one real secret assignment. */
export function envHoldsSecret(text: string): boolean {
  if (FORMATS.some((re) => re.test(text))) return true;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!m || PUBLIC_NAME.test(m[1]!) || !SECRET_NAME.test(m[1]!)) continue;
    if (secretValue(m[2]!)) return true;
  }
  return false;
}

/** A key or certificate file: only a private key is a secret; a certificate is public. */
export function holdsPrivateKey(text: string): boolean {
  return FORMATS[0]!.test(text) || /PRIVATE KEY/.test(text);
}

/** A kubeconfig with a client key, a token or a password in it. */
export function kubeconfigHoldsSecret(text: string): boolean {
  return /\b(client-key-data|token|password)\s*:\s*\S/.test(text);
}
