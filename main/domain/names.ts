// The rule for a name the user gives (inventory, workload, run, scenario): the contract's schema, the CLI's
// --name, the files' readers and the renderer's prompts all apply this one. No zod here: the renderer
// imports it, and its bundle carries no schema library.

/** The longest name, in characters after trimming: a long label still fits a table cell and a file name. */
export const MAX_NAME_CHARS = 200;

/** What is wrong with `name` once trimmed (as it is stored), or null when it may be used. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'must not be empty';
  if (trimmed.length > MAX_NAME_CHARS) return `must be at most ${MAX_NAME_CHARS} characters`;
  return null;
}
