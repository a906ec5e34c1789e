/** What a child process writes on stdout or stderr, handed on a whole line at a time. */
export function onLines(stream: NodeJS.ReadableStream | null | undefined, line: (text: string) => void): void {
  let buf = '';
  stream?.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      line(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
}
