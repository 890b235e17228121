import { describe, it, expect } from 'vitest';
import { DEFAULT_MINER_OPTIONS, TemplateMiner, type MinerState } from '../../../app/core/parse/template-miner.ts';
import { createTokenizer } from '../../../app/core/parse/token-masks.ts';
import { BUILTIN_MASKS } from '../../../app/core/parse/miner-options.ts';

const tokens = (message: string, masks: readonly string[] = BUILTIN_MASKS) => createTokenizer(masks)(message).join(' ');
const only = (mask: string, message: string) => tokens(message, [mask]);

describe('masks', () => {
  it('masks each kind of variable, and only when its mask is on', () => {
    expect(only('ip', 'from 10.250.19.102:54106 ok')).toBe('from <*> ok');
    expect(only('number', 'took -3 s, 0.25 and 1e-3, v 6.1.7601')).toBe('took <*>, <*> and <*>, v <*>');
    expect(only('hex', 'at 0x7fed806eb5d obj 9f4ef63 key deadbeefcafe')).toBe('at <*> obj <*> key <*>');
    expect(only('uuid', 'instance 38101a0b-2096-447d-96ea-a692162415ae up')).toBe('instance <*> up');
    expect(only('path', 'open /var/log/app.log and C:\\Windows\\x.dll and http://h/p')).toBe('open <*> and C:<*> and http:<*>');
    expect(only('email', 'mail to bob.smith@example.com sent')).toBe('mail to <*> sent');
    expect(only('alnum', 'block blk_-1608 token t761')).toBe('block <*> token <*>');
    expect(only('bool', 'overlap:false ws=null isOn TRUE')).toBe('overlap:<*> ws=<*> isOn <*>');
    expect(tokens('uid 42 and 10.0.0.1', [])).toBe('uid 42 and 10.0.0.1');
  });

  it('keeps constant keys inside a token and fuses wildcards joined by separators', () => {
    expect(tokens('state (HWID=1973) at 2016/9/27:20:30:31.455')).toBe('state (HWID=<*>) at <*>');
  });

  it('fuses dates, units and runs of variables into one wildcard', () => {
    expect(tokens('connection at Sun Jul  3 10:05:25 2005 done')).toBe('connection at <*> done');
    expect(tokens('size 5.2 KB, free 317.1 KB)')).toBe('size <*>, free <*>)');
    expect(tokens('delete blk_1 blk_22 blk_-3')).toBe('delete <*>');
  });

  it('masks a host name with a port as an address, not a source file and line', () => {
    expect(only('ip', 'to proxy.cse.cuhk.edu.hk:5070 and [qd-update.qq.com:8080]')).toBe('to <*> and [<*>]');
    expect(only('ip', 'at sweep.c:123 in Main.java:42 on localhost:80 host.com:80x')).toBe('at sweep.c:123 in Main.java:42 on localhost:80 host.com:80x');
  });

  it('joins a number and its unit, a bounded number and a restatement in brackets into one quantity', () => {
    expect(tokens('close, 1190 bytes (1.16 KB) sent, 0 bytes received, lifetime <1 sec')).toBe('close, <*> bytes (<*>) sent, <*> bytes received, lifetime <*>');
    expect(tokens('took (5 ms) and (3.2 KB), then >100 s, 5 MB (5.2 KB) left')).toBe('took (<*>) and (<*>), then <*>, <*> left');
    expect(tokens('2087 bytes result sent, 4096 bytes)')).toBe('<*> bytes result sent, <*> bytes)');
    // Without the number mask nothing joins.
    expect(tokens('close, 1190 bytes (1.16 KB) sent', ['ip'])).toBe('close, 1190 bytes (1.16 KB) sent');
  });

  it('keeps an identifier called as a function, digits and all', () => {
    expect(tokens('jk2_init() Found child 6725 in slot 10')).toBe('jk2_init() Found child <*> in slot <*>');
    expect(tokens('call a.b.Log4jAdapter(x) and v2(')).toBe('call <*>(x) and v2(');
  });

  it('keeps key="quoted value" with spaces as one token', () => {
    expect(tokens('acquire tag="View Lock", uid=3')).toBe('acquire tag="View Lock", uid=<*>');
  });

  it('applies custom masks first, as <name> or <*>', () => {
    const t = createTokenizer([...BUILTIN_MASKS], [{ pattern: 'user \\w+', replacement: '<user>' }, { pattern: 'job#\\w+' }]);
    expect(t('session of user alice for job#abc').join(' ')).toBe('session of <user> for <*>');
  });
});

describe('TemplateMiner', () => {
  it('learns templates, generalising differing tokens, and keeps the id', () => {
    const m = new TemplateMiner();
    const a = m.learn('Connected to server alpha in 35 ms');
    expect(m.learn('Connected to server beta-2 in 12 ms')).toBe(a);
    expect(m.template(a)).toBe('Connected to server <*> in <*>');
    expect(m.count(a)).toBe(2);
    const b = m.learn('Disk full on /dev/sda1');
    expect(b).not.toBe(a);
    expect(m.size).toBe(2);
  });

  it('keeps the brackets, key and punctuation a variable sits in, and reads empty values', () => {
    const m = new TemplateMiner();
    const a = m.learn('connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Fri Jun 17 07:07:00 2005');
    expect(m.learn('connection from 222.33.90.199 () at Mon Jun 20 03:40:59 2005')).toBe(a);
    expect(m.learn('connection from 10.1.2.3 (host.example.net) at Mon Jun 20 03:41:00 2005')).toBe(a);
    expect(m.template(a)).toBe('connection from <*> (<*>) at <*>');
    expect(m.variables('connection from 222.33.90.199 () at Mon Jun 20 03:40:59 2005', a)).toEqual(['222.33.90.199', '', 'Mon Jun 20 03:40:59 2005']);
    const s = m.learn('synchronized to 10.100.20.250, stratum 3');
    expect(m.learn('synchronized to LOCAL(0), stratum 10')).toBe(s);
    expect(m.template(s)).toBe('synchronized to <*>, stratum <*>');
  });

  it('separates messages that differ by a word, and merges them below the similarity threshold only', () => {
    const m = new TemplateMiner();
    const started = m.learn('[instance: 96abccce-8d1f-4e07-b6d1-4b2ab87e23b4] VM Started (Lifecycle Event)');
    const stopped = m.learn('[instance: 96abccce-8d1f-4e07-b6d1-4b2ab87e23b4] VM Stopped (Lifecycle Event)');
    expect(stopped).not.toBe(started);
    const strict = new TemplateMiner({ similarity: 1, masks: [] });
    expect(strict.learn('lock a=1 b=2')).not.toBe(strict.learn('lock a=1 b=3'));
    const loose = new TemplateMiner({ similarity: 0.6, masks: [] });
    expect(loose.learn('lock a=1 b=2')).toBe(loose.learn('lock a=1 b=3'));
  });

  it('only compares messages that share the leading depth - 2 tokens', () => {
    const messages = ['alpha x1 gamma delta', 'alpha x2 gamma delta'];
    const deep = new TemplateMiner({ depth: 4, masks: [] });
    expect(new Set(messages.map((s) => deep.learn(s))).size).toBe(2);
    const shallow = new TemplateMiner({ depth: 3, masks: [] });
    expect(new Set(messages.map((s) => shallow.learn(s))).size).toBe(1);
    expect(shallow.template(0)).toBe('alpha <*> gamma delta');
  });

  it('sends new leading tokens to the <*> branch once a node has maxChildren children', () => {
    const messages = ['k1 same tail here', 'k2 same tail here', 'k3 same tail here'];
    const narrow = new TemplateMiner({ depth: 3, maxChildren: 2, masks: [] });
    expect(messages.map((s) => narrow.learn(s))).toEqual([0, 1, 1]);
    expect(narrow.template(1)).toBe('<*> same tail here');
    const wide = new TemplateMiner({ depth: 3, masks: [] });
    expect(messages.map((s) => wide.learn(s))).toEqual([0, 1, 2]);
  });

  it('merges templates that differ by five or more words at one position, keeping every id valid', () => {
    const m = new TemplateMiner();
    const services = ['chargen', 'daytime', 'echo', 'ftp'];
    const ids = services.map((s) => m.learn(`removing service ${s} now`));
    expect(new Set(ids).size).toBe(4);
    const fifth = m.learn('removing service telnet now');
    expect(fifth).toBe(ids[0]);
    for (const id of ids) {
      expect(m.canonical(id)).toBe(ids[0]);
      expect(m.template(id)).toBe('removing service <*> now');
    }
    expect(m.count(ids[0])).toBe(5);
    expect(m.learn('removing service rsync now')).toBe(ids[0]);
    expect(m.learn('removing service echo now')).toBe(ids[0]);
  });

  it('takes the word after `user` for a user name once three are seen', () => {
    const m = new TemplateMiner();
    const ids = ['cyrus', 'news', 'test'].map((u) => m.learn(`session closed for user ${u}`));
    expect(ids.map((id) => m.canonical(id))).toEqual([ids[0], ids[0], ids[0]]);
    expect(m.template(ids[0])).toBe('session closed for user <*>');
    // Two different words after `user` are two events.
    const login = m.learn('audit: user login succeeded');
    expect(m.learn('audit: user logout succeeded')).not.toBe(login);
  });

  it('merges names that differ inside a token the same way', () => {
    const m = new TemplateMiner();
    const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
    const ids = names.map((n) => m.learn(`Loaded class com.example.${n} from cache`));
    expect(new Set(ids.slice(0, 4)).size).toBe(4);
    expect(ids[4]).toBe(ids[0]);
    expect(m.template(ids[0])).toBe('Loaded class <*> from cache');
  });

  it('match() finds the template learn() would join, or -1, and never changes templates', () => {
    const m = new TemplateMiner();
    const id = m.learn('User 42 logged in from 10.0.0.1');
    const before = JSON.stringify(m.toJSON());
    expect(m.match('User 7 logged in from 10.0.0.9')).toBe(id);
    expect(m.match('Disk full on /dev/sda1')).toBe(-1);
    expect(m.match('User 7 logged out from 10.0.0.9')).toBe(-1);
    expect(JSON.stringify(m.toJSON())).toBe(before);
    expect(m.size).toBe(1);
  });

  it('extracts the variables of a message', () => {
    const m = new TemplateMiner();
    const id = m.learn('User 42 logged in from 10.0.0.1 at Sun Jul  3 10:05:25 2005');
    m.learn('User alice7 logged in from 10.0.0.2 at Mon Jul  4 10:05:25 2005');
    expect(m.template(id)).toBe('User <*> logged in from <*> at <*>');
    expect(m.variables('User 7 logged in  from 10.1.1.1 at Tue Jul  5 01:02:03 2005', id))
      .toEqual(['7', '10.1.1.1', 'Tue Jul 5 01:02:03 2005']);
    expect(m.variables('Something else entirely', id)).toEqual([]);
  });

  it('names each variable by its key, else the word before it', () => {
    const m = new TemplateMiner();
    const id = m.learn('GET /a status=200 latency_ms=12 took 5 ms from 10.0.0.1 user:bob');
    expect(m.template(id)).toBe('GET <*> status=<*> latency_ms=<*> took <*> from <*> user:bob');
    expect(m.variableNames(id)).toEqual(['GET', 'status', 'latency_ms', 'took', 'from']);
    const custom = new TemplateMiner({ customMasks: [{ pattern: 'req-\\d+', replacement: '<REQ>' }] });
    const c = custom.learn('<*> done for req-17 port 8080');
    expect(custom.template(c)).toBe('<*> done for <REQ> port <*>');
    expect(custom.variableNames(c)).toEqual(['', 'for', 'port']);
  });

  it('handles empty and blank messages', () => {
    const m = new TemplateMiner();
    const id = m.learn('');
    expect(m.learn('   ')).toBe(id);
    expect(m.template(id)).toBe('');
  });

  it('round-trips through JSON and goes on learning exactly as the original', () => {
    const a = new TemplateMiner({ customMasks: [{ pattern: 'user \\w+', replacement: '<user>' }] });
    const first = ['session opened for user alice', 'PacketResponder 1 for block blk_38865 terminating',
      'PacketResponder 0 for block blk_-69522 terminating', ...['a', 'b', 'c', 'd', 'e'].map((w) => `stop unit ${w}x now`)];
    first.forEach((s) => a.learn(s));
    const state = JSON.parse(JSON.stringify(a.toJSON())) as MinerState;
    const b = TemplateMiner.fromJSON(state);
    expect(b.toJSON()).toEqual(a.toJSON());
    const next = ['session opened for user bob', 'PacketResponder 2 for block blk_1 terminating', 'stop unit fx now', 'brand new line'];
    expect(next.map((s) => b.learn(s))).toEqual(next.map((s) => a.learn(s)));
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(() => TemplateMiner.fromJSON({ version: 2 } as unknown as MinerState)).toThrow(/version 1/);
  });

  it('restores shaped wildcards from JSON so they go on taking tokens of their shape', () => {
    const a = new TemplateMiner();
    ['connection from 10.0.0.1 (a.example.net) at 07:07:00', 'connection from 10.0.0.2 () at 07:07:01'].forEach((s) => a.learn(s));
    expect(a.template(0)).toBe('connection from <*> (<*>) at <*>');
    const b = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(a.toJSON())) as MinerState);
    const next = ['connection from 10.0.0.3 (b.example.org) at 07:07:02', 'connection from 10.0.0.4 [x] at 07:07:03'];
    expect(next.map((s) => b.learn(s))).toEqual(next.map((s) => a.learn(s)));
    expect(b.template(0)).toBe(a.template(0));
    expect(b.toJSON()).toEqual(a.toJSON());
    // Where the shape decides: (<*>) taking (c.d) as a wildcard is what brings this line over the threshold.
    const c = new TemplateMiner();
    ['get x (a.b) ok.', 'get x () ok.'].forEach((s) => c.learn(s));
    const d = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(c.toJSON())) as MinerState);
    expect([c.match('get x (c.d) ok-'), d.match('get x (c.d) ok-')]).toEqual([0, 0]);
    expect(d.match('get x c.d ok-')).toBe(-1);
  });

  it('is deterministic', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `job ${i % 7} step ${['init', 'run', 'done'][i % 3]} took ${i} ms on node-${i % 5}`);
    const run = () => {
      const m = new TemplateMiner();
      return { ids: lines.map((l) => m.learn(l)), state: m.toJSON() };
    };
    expect(run()).toEqual(run());
  });

  it('validates options, naming the field', () => {
    expect(() => new TemplateMiner({ similarity: 1.5 })).toThrow(/"similarity"/);
    expect(() => new TemplateMiner({ similarity: Number.NaN })).toThrow(/"similarity"/);
    expect(() => new TemplateMiner({ depth: 2 })).toThrow(/"depth"/);
    expect(() => new TemplateMiner({ depth: 4.5 })).toThrow(/"depth"/);
    expect(() => new TemplateMiner({ maxChildren: 1 })).toThrow(/"maxChildren"/);
    expect(() => new TemplateMiner({ masks: ['ip', 'phone'] })).toThrow(/"masks".*"phone"/);
    expect(() => new TemplateMiner({ customMasks: [{ pattern: '(' }] })).toThrow(/parse\.templates\.customMasks\[0\]\.pattern: "\(" cannot be used .*linear-time engine/);
    expect(() => new TemplateMiner({ customMasks: [{ pattern: 'x', replacement: 'a b' }] })).toThrow(/"customMasks\[0\]\.replacement"/);
    expect(() => new TemplateMiner().template(3)).toThrow(/no template with id 3/);
  });

  it('exposes its defaults', () => {
    expect(DEFAULT_MINER_OPTIONS).toMatchObject({ similarity: 0.55, depth: 4, maxChildren: 100 });
    expect([...DEFAULT_MINER_OPTIONS.masks].sort()).toEqual([...BUILTIN_MASKS].sort());
  });
});

describe('messages of masked tokens only', () => {
  it('join one template instead of starting one per line (1,000 numbers made 1,000 templates)', () => {
    const miner = new TemplateMiner();
    const ids = Array.from({ length: 1000 }, (_, i) => miner.learn(String(i * 7919)));
    expect(new Set(ids.map((id) => miner.canonical(id))).size).toBe(1);
    expect(miner.template(ids[0])).toBe('<*>');
    expect(miner.learn('deadbeefcafe 10.0.0.1')).toBe(miner.learn('0123abcdef99 10.0.0.2'));
  });
});
