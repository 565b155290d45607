/**
 * The CLI in Chinese throughout: commander's own words (its errors, help headings and the help
 * option) and the system's errors on the paths the user gave. Data, one line per message.
 */
import { type Command, Help } from 'commander';
import { width } from './table';

/** commander's error messages (lib/command.js), by pattern. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.+?)'/, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.+?)'/, "错误：缺少参数 '$1'"],
  [/^error: option '(.+?)' argument missing/, "错误：选项 '$1' 缺少取值"],
  [/^error: required option '(.+?)' not specified/, "错误：必须给出选项 '$1'"],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. ?/, "错误：选项 '$1' 的取值 '$2' 无效："],
  [/^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\. ?/, "错误：参数 '$2' 的取值 '$1' 无效："],
  [/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./, '错误：参数过多（应为 $2 个，给出了 $3 个）'],
  [/\(Did you mean one of (.+)\?\)/, '（是否要输入其中之一：$1？）'],
  [/\(Did you mean (.+)\?\)/, '（是否要输入 $1？）'],
];

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

const placeholders = (usage: string) => usage.replace('[options]', '[选项]').replace('[command]', '[命令]');

export function zhCommanderError(text: string): string {
  return ERRORS.reduce((t, [re, zh]) => t.replace(re, zh), text);
}

/** Before any subcommand is added: subcommands inherit the help and output settings. */
export function inChinese(program: Command): Command {
  return program
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureOutput({ outputError: (text, write) => write(zhCommanderError(text)) })
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      // Chinese characters take two columns: help lines stay aligned and wrap where they should.
      displayWidth: width,
      commandUsage: (cmd: Command) => placeholders(Help.prototype.commandUsage.call(new Help(), cmd)),
      subcommandTerm: (cmd: Command) => placeholders(Help.prototype.subcommandTerm.call(new Help(), cmd)),
    });
}

/** What a system error on a path the user gave means, in Chinese (the code kept for support). */
export function zhSystemError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const at = err.path ? `：${err.path}` : '';
  switch (err.code) {
    case 'ENOENT':
      return `找不到文件或文件夹${at}`;
    case 'EACCES':
    case 'EPERM':
      return `没有读写权限（文件可能正在 Excel/WPS 中打开，或为只读）${at}`;
    case 'EBUSY':
      return `文件正被其他程序占用（如已在 Excel/WPS 中打开），请关闭后重试${at}`;
    case 'EISDIR':
      return `这是文件夹，不是文件${at}`;
    case 'ENOTDIR':
      return `路径中有一段不是文件夹${at}`;
    case 'ENOSPC':
      return `磁盘空间不足，未能写出${at}`;
    case 'EROFS':
      return `磁盘只读，未能写出${at}`;
    default:
      return err.code ? `${err.message}（${err.code}）` : (err.message ?? String(e));
  }
}
