/** Bad command lines for every command, each with the flag its message must name. `$HOME` is a temp data dir. */
export interface CliCase {
  args: readonly string[];
  names?: string;
}

export const CLI_CASES: readonly CliCase[] = [
  { args: ['up', '--port', 'abc'], names: '--port' },
  { args: ['up', '--port', '70000'], names: '--port' },
  { args: ['up', '--port', '0'], names: '--port' },
  { args: ['up', '--time-scale', '-1'], names: '--time-scale' },
  { args: ['up', '--time-scale', 'NaN'], names: '--time-scale' },
  { args: ['up', '--time-scale', 'Infinity'], names: '--time-scale' },
  { args: ['up', '--seed', '-1'], names: '--seed' },
  { args: ['up', '--seed', '1.5'], names: '--seed' },
  { args: ['up', '--agents', 'no_such_agent', '--home', '$HOME'], names: '--agents' },
  { args: ['up', '--agents', ',', '--home', '$HOME'], names: '--agents' },
  { args: ['up', '--duration', '-5'], names: '--duration' },
  { args: ['up', '--bogus'], names: '--bogus' },
  { args: ['status', '--port', '-1'], names: '--port' },
  { args: ['status', '--port', '1e3x'], names: '--port' },
  { args: ['agent', 'no_such_agent', '--home', '$HOME'], names: 'no_such_agent' },
  { args: ['agent'] },
  { args: ['backtest', '--fees', '-1'], names: '--fees' },
  { args: ['backtest', '--fees', '1e999'], names: '--fees' },
  { args: ['backtest', '--cash', '0'], names: '--cash' },
  { args: ['backtest', '--fill', 'sometimes'], names: '--fill' },
  { args: ['backtest', '--from', '2024-13-45'], names: '--from' },
  { args: ['backtest', '--strategy', 'no-such-strategy'], names: '--strategy' },
  { args: ['backtest', '--fast', '0'], names: '--fast' },
  { args: ['backtest', '--symbols', 'NOPE'], names: '--symbols' },
  { args: ['backtest', '--data', '/nonexistent/file.csv'], names: '/nonexistent/file.csv' },
  { args: ['backtest', '--scenario', 'apocalypse'], names: '--scenario' },
  { args: ['metrics'], names: '--returns' },
  { args: ['metrics', '--returns', '/nonexistent/returns.csv'], names: '/nonexistent/returns.csv' },
  { args: ['metrics', '--returns', '/dev/null', '--periods', '0'], names: '--periods' },
  { args: ['tune', '--bogus'], names: '--bogus' },
  { args: ['doctor', '--bogus'], names: '--bogus' },
  { args: ['stop', '--bogus'], names: '--bogus' },
  { args: ['backup'] },
  { args: ['restore', '/nonexistent/backup', '--home', '$HOME/new'], names: '/nonexistent/backup' },
  { args: ['restore', '/tmp'] },
  { args: ['no-such-command'] },
];
