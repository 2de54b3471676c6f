/**
 * A deliberately small English stemmer: enough that "caching", "cached" and "caches" meet
 * "cache", and "retries" meets "retry", without a dictionary. Short words are left alone so
 * "is" and "as" never collapse into something else.
 */
const RULES: [RegExp, string][] = [
  [/ies$/, 'y'],
  [/ied$/, 'y'],
  [/(ss)es$/, '$1'],
  [/([^aeiou])es$/, '$1e'],
  [/([^s])s$/, '$1'],
  [/eed$/, 'ee'],
  [/([aeiou].*)ing$/, '$1'],
  [/([aeiou].*)ed$/, '$1'],
  [/ly$/, ''],
];

export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  for (const [pattern, replacement] of RULES) {
    if (pattern.test(w)) {
      w = w.replace(pattern, replacement);
      break;
    }
  }
  // "caching" -> "cach", "cached" -> "cach", "cache" -> "cache": drop a final e, undouble consonants.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}
