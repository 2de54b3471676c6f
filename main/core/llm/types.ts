/**
 * What the rest of core needs from a local language model, so the interviewer and the
 * feedback judge do not depend on node-llama-cpp directly (and tests can drive them).
 */
export interface GenerateOptions {
  maxTokens: number;
  /** Milliseconds before the call is aborted. */
  timeoutMs: number;
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

export interface JsonResult<T> {
  /** Parsed value when the output was complete, valid JSON matching the schema. */
  value: T | null;
  /** The raw text the model produced (for logs and fallbacks). */
  raw: string;
  /** Why value is null: cut off at maxTokens, invalid JSON, timeout, aborted. */
  failure?: 'cut_off' | 'invalid_json' | 'timeout' | 'aborted' | 'error';
  /** For failure 'error': what went wrong, in words a user can act on (e.g. no model chosen). */
  message?: string;
}

/** A JSON schema in the subset node-llama-cpp's grammar supports. */
export type JsonSchema = Record<string, unknown>;

export interface LlmJsonGenerator {
  /** One-off structured call in its own short-lived chat (feedback, judging). */
  generateJson<T>(system: string, prompt: string, schema: JsonSchema, options: GenerateOptions): Promise<JsonResult<T>>;
}
