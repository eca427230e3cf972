// The name prompts' check: the main process's own rule (main/ipc/names.ts), so a name the prompt lets
// through is one the channel accepts, and one it refuses is told before the call.
import { nameProblem } from '../../../main/domain/names';

export function nameRule(value: string): string | null {
  const problem = nameProblem(value);
  return problem && `The name ${problem}`;
}
