// Benchmark files name the checkpoint that was served, which is usually an instruction-tuned or chat one
// (meta-llama/Llama-3.1-8B-Instruct, Qwen/Qwen2.5-7B-Instruct, meta-llama/Llama-2-7b-chat-hf), while the catalog
// keys models by their base repository. The tuned checkpoints publish the base's config.json (layers, widths,
// heads, KV heads, vocabulary: compare the two repositories' config.json on huggingface.co); only the weights
// differ, and the cost model reads the shape, never the weights. So such an id names its base model.

/** "-Instruct" / "-Chat" as a dash-separated part of a repository name, anywhere in it (Mistral-7B-Instruct-v0.1). */
const TUNED_PART = /-(?:instruct|chat)(?=-|$)/gi;

// Meta renamed its Llama 3.1 repositories from Meta-Llama-3.1-* to Llama-3.1-* (the old ids still redirect);
// result files written before then carry the old name.
const RENAMED: [RegExp, string][] = [[/^meta-llama\/Meta-Llama-3\.1-/i, 'meta-llama/Llama-3.1-']];

/**
 * The catalog id a file's model id stands for: itself when the catalog has it, else its base model (the id with
 * "-Instruct"/"-Chat" taken out, Meta's renames applied, compared without case as the Hub does); null when
 * neither is in the catalog.
 */
export function catalogModelId(id: string, has: (catalogId: string) => boolean, catalogIds: () => readonly string[]): string | null {
  if (has(id)) return id;
  const base = RENAMED.reduce((s, [from, to]) => s.replace(from, to), id.replace(TUNED_PART, ''));
  const wanted = base.toLowerCase();
  return catalogIds().find((c) => c.toLowerCase() === wanted) ?? null;
}
