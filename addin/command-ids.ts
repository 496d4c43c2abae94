/** Ribbon command ids: the manifest's <FunctionName> values, registered by addin/commands/commands.ts. */
export const COMMAND_IDS = ['validate', 'submit', 'pull', 'insertTemplate'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
