import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../main/host/args';

describe('parseServeArgs', () => {
  it('parses --port and --data-dir in both spellings', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, help: false });
    expect(parseServeArgs(['--port', '8123', '--data-dir', '/tmp/x'])).toEqual({ port: 8123, dataDir: '/tmp/x', help: false });
    expect(parseServeArgs(['--port=0', '--data-dir=rel/dir'])).toEqual({ port: 0, dataDir: 'rel/dir', help: false });
  });
  it.each([
    [['--port'], '--port needs a value'],
    [['--port', '--data-dir', 'x'], '--port needs a value'],
    [['--port', '70000'], '--port must be'],
    [['--port', '-1'], '--port must be'],
    [['--port', '80a'], '--port must be'],
    [['--data-dir='], '--data-dir must not be empty'],
    [['--verbose'], 'unknown option "--verbose"'],
    [['serve'], 'unknown option "serve"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});
