// `fleetplan completion bash|zsh`: a shell completion script written from the command table, so it knows every
// command, subcommand and flag the CLI does. A flag that takes a value completes file names (`complete -o default`).
import { defineCommand, type Command } from './command';
import { EXIT } from './io';

const SHELLS = ['bash', 'zsh'] as const;

const usage = `usage: fleetplan completion bash|zsh
  prints a completion script: eval "$(fleetplan completion bash)" in ~/.bashrc, or for zsh
  eval "$(fleetplan completion zsh)" in ~/.zshrc (it loads zsh's bashcompinit).`;

const words = (xs: readonly string[]) => xs.join(' ');

export function completionScript(shell: (typeof SHELLS)[number], commands: readonly Command[]): string {
  const cases = commands.map((c) => {
    const flags = [...Object.keys(c.options).map((n) => `--${n}`), '--help'];
    const values = Object.entries(c.options).filter(([, o]) => o.type === 'string').map(([n]) => `--${n}`);
    return `    ${c.name}) sub="${words(c.subcommands ?? [])}"; flags="${words(flags)}"; values="${words(values)}" ;;`;
  });
  const bash = `# fleetplan completion (${shell}), written by \`fleetplan completion ${shell}\`
_fleetplan() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" sub="" flags="" values=""
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${words(commands.map((c) => c.name))} help --help --version" -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
  # The value of a flag that takes one: left to file name completion.
  if [[ " $values " == *" $prev "* ]]; then COMPREPLY=(); return; fi
  if [[ $COMP_CWORD -eq 2 && $cur != -* ]]; then COMPREPLY=($(compgen -W "$sub" -- "$cur")); return; fi
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -o default -F _fleetplan fleetplan
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${bash}` : bash;
}

/** The completion command reads the table it is part of, hence the table passed as a function. */
export function completionCommand(table: () => readonly Command[]): Command {
  return defineCommand(
    { name: 'completion', summary: 'print a bash or zsh completion script for fleetplan', usage, options: {}, subcommands: SHELLS, positionals: true },
    async ({ positionals }, io) => {
      const shell = SHELLS.find((s) => s === positionals[0]);
      if (!shell || positionals.length > 1) {
        io.stderr(`fleetplan completion: give bash or zsh\n${usage}\n`);
        return EXIT.usage;
      }
      io.stdout(completionScript(shell, table()));
      return EXIT.ok;
    },
  );
}
