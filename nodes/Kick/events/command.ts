/**
 * Chat commands: a message is a command when, after leading ASCII whitespace, it starts with
 * the configured prefix (case-sensitive, e.g. `!`). The command is the first word after the
 * prefix, lowercased; the arguments are the words after it. Only ASCII whitespace (space, tab,
 * CR, LF) is skipped.
 *
 * Every chat item has its command read this way: with the trigger's Command Prefix when one is
 * set (then only commands start the workflow), else with `!`, the prefix Kick's chat bots use.
 */

/** The prefix chat items' command fields are read with when the trigger sets none. */
export const DEFAULT_COMMAND_PREFIX = '!';

export interface ChatCommand {
	/** First word after the prefix, lowercased ('' for a bare prefix). */
	command: string;
	/** Words after the command. */
	args: string[];
	/** Everything after the command, trimmed. */
	argsText: string;
}

/** The command in `content`, or undefined when it does not start with `prefix`. */
export function parseCommand(content: string, prefix: string): ChatCommand | undefined {
	const text = content.replace(/^[ \t\r\n]+/, '');
	if (!text.startsWith(prefix)) return undefined;
	const rest = text.slice(prefix.length);
	const match = /^(\S*)\s*([\s\S]*)$/.exec(rest);
	const word = match?.[1] ?? '';
	const argsText = (match?.[2] ?? '').trim();
	return {
		command: word.toLowerCase(),
		args: argsText === '' ? [] : argsText.split(/\s+/),
		argsText,
	};
}
