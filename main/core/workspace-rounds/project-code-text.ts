/**
 * The words of a project snapshot that History search indexes: every file's path, then its
 * text, in path order. Plain text, not the stored JSON, so a line break never glues two words
 * into one token ("\nreturn" would index as "nreturn").
 */
export function projectCodeText(files: Record<string, string>): string {
  return Object.keys(files)
    .sort()
    .map((p) => `${p}\n${files[p]}`)
    .join('\n\n');
}
