// Proxifier logs (Loghub's Proxifier sample, Zhu et al., ISSRE 2023): host:port
// addresses and byte counts with units are the variables. Lines below follow
// the eight Loghub-2.0 Proxifier templates
// (logpai/loghub-2.0 2k_dataset/Proxifier/Proxifier_2k.log_templates_corrected.csv),
// with the message content as Loghub's structured file gives it (after
// `[time] program -`); the sample itself is not in ../shared/datasets.
import { describe, it, expect } from 'vitest';
import { TemplateMiner } from '../../../app/core/parse/template-miner.ts';

/** [event, content]: E1 … E8 as in the Loghub-2.0 templates. */
const LINES: [string, string][] = [
  ['E2', 'proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'],
  ['E2', 'www.google.com:443 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'],
  ['E8', 'proxy.cse.cuhk.edu.hk:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01'],
  ['E2', 'clients1.google.com:443 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'],
  ['E8', 'proxy.cse.cuhk.edu.hk:5070 close, 403 bytes sent, 426 bytes received, lifetime <1 sec'],
  ['E2', '183.60.15.153:443 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'],
  ['E8', 'proxy.cse.cuhk.edu.hk:5070 close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec'],
  ['E8', 'proxy.cse.cuhk.edu.hk:5070 close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:16'],
  ['E1', 'dl.dropboxusercontent.com:443 open through proxy proxy.cse.cuhk.edu.hk:5070 SOCKS5'],
  ['E8', 'www.google.com:443 close, 1165 bytes (1.13 KB) sent, 815 bytes received, lifetime <1 sec'],
  ['E7', 'www.qq.com:80 error : A connection request was canceled before the completion.'],
  ['E8', 'api.weibo.com:80 close, 19904 bytes (19.4 KB) sent, 27629 bytes (26.9 KB) received, lifetime 02:19'],
  ['E3', 'ss.bdimg.com:80 error : Could not connect to proxy proxy.cse.cuhk.edu.hk:5070 - Could not resolve proxy.cse.cuhk.edu.hk error 11001'],
  ['E8', 'clients1.google.com:443 close, 7829 bytes (7.64 KB) sent, 578548 bytes (564 KB) received, lifetime 00:18'],
  ['E4', 'qa.sockets.stackexchange.com:443 error : Could not connect to proxy proxy.cse.cuhk.edu.hk:5070 - connection attempt failed with error 10061'],
  ['E1', 'get.sogou.com:80 open through proxy socks.cse.cuhk.edu.hk:1080 SOCKS5'],
  ['E5', 'qd-update.qq.com:8080 error : Could not connect through proxy proxy.cse.cuhk.edu.hk:5070 - Proxy server cannot establish a connection with the target, status code 403'],
  ['E8', 'dl.dropboxusercontent.com:443 close, 2361 bytes (2.30 KB) sent, 48371254 bytes (46.1 MB) received, lifetime 05:42'],
  ['E6', 'config.pinyin.sogou.com:80 error : Could not connect through proxy proxy.cse.cuhk.edu.hk:5070 - Proxy closed the connection unexpectedly.'],
  ['E3', 'client.dropbox.com:443 error : Could not connect to proxy proxy.cse.cuhk.edu.hk:5070 - Could not resolve proxy.cse.cuhk.edu.hk error 11001'],
  ['E4', '13.client-channel.google.com:443 error : Could not connect to proxy proxy.cse.cuhk.edu.hk:5070 - connection attempt failed with error 10060'],
  ['E5', 'get.sogou.com:80 error : Could not connect through proxy proxy.cse.cuhk.edu.hk:5070 - Proxy server cannot establish a connection with the target, status code 502'],
  ['E6', '86.99.222.235:443 error : Could not connect through proxy proxy.cse.cuhk.edu.hk:5070 - Proxy closed the connection unexpectedly.'],
  ['E7', 'mail.google.com:443 error : A connection request was canceled before the completion.'],
  ['E8', '183.60.15.153:443 close, 850 bytes sent, 10547 bytes (10.2 KB) received, lifetime 00:02'],
];

describe('TemplateMiner on Proxifier lines (defaults)', () => {
  const miner = new TemplateMiner();
  // Ids as learned; `canonical` gives the template each belongs to once all lines are in.
  const ids = LINES.map(([, line]) => miner.learn(line));
  const groups = new Map<string, Set<number>>();
  LINES.forEach(([event], i) => (groups.get(event) ?? groups.set(event, new Set()).get(event)!).add(miner.canonical(ids[i])));

  it('gives each event one template of its own', () => {
    for (const [event, templates] of groups) expect({ event, templates: templates.size }).toEqual({ event, templates: 1 });
    const all = [...groups.values()].map((t) => [...t][0]);
    expect(new Set(all).size).toBe(8);
  });

  it('makes host:port addresses and byte counts with their units the variables', () => {
    const close = miner.canonical(ids[7]);
    expect(miner.template(close)).toBe('<*> close, <*> sent, <*> received, lifetime <*>');
    expect(miner.variables(LINES[7][1], close)).toEqual(['proxy.cse.cuhk.edu.hk:5070', '1190 bytes (1.16 KB)', '1671 bytes (1.63 KB)', '00:16']);
    expect(miner.variables(LINES[4][1], close)).toEqual(['proxy.cse.cuhk.edu.hk:5070', '403 bytes', '426 bytes', '<1 sec']);
    const open = miner.canonical(ids[0]);
    expect(miner.template(open)).toBe('<*> open through proxy <*> HTTPS');
    expect(miner.variables(LINES[1][1], open)).toEqual(['www.google.com:443', 'proxy.cse.cuhk.edu.hk:5070']);
    expect(miner.template(miner.canonical(ids[14]))).toBe('<*> error : Could not connect to proxy <*> - connection attempt failed with error <*>');
  });
});
