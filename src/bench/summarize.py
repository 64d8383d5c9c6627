#!/usr/bin/env python3
"""Summarises a src/bench/compare.sh output folder as Markdown: ours vs official per model/batch/threads."""
import glob
import json
import os
import sys

out = sys.argv[1]


def load(path):
    with open(path) as f:
        return json.load(f)


def ours_cases(path):
    rep = load(path)['report']
    for c in rep['cases']:
        st = {s['stage']: s for s in c['stages']}
        yield (c['model'], c['batch']), {
            'wall': c['forward']['median'], 'p90': c['forward']['p90'],
            'cpu': c.get('forwardCpu', {}).get('median'),
            'backbone': st['backbone']['median'], 'transformer': st['transformer']['median'],
            'heads': st['heads']['median'], 'decode': st['decode']['median'], 'pre': st['preprocess']['median'],
            'post': st['postprocess']['median'], 'total': c['total']['median'],
            'load': c['loadBefore'] + ' → ' + c['loadAfter']}


def official_cases(path):
    for c in load(path)['cases']:
        f = c['forward']
        yield (c['model'], c['batch']), {'wall': f['median_ms'], 'p90': f['p90_ms'], 'cpu': f.get('cpu_median_ms'),
                                         'load': c['load_before'] + ' → ' + c['load_after']}


rows = []
for tag in ['body-b1-t2', 'body-b1-t1', 'hand-b1-t2', 'b8-t2']:
    o = os.path.join(out, 'ours-%s.json' % tag)
    p = os.path.join(out, 'official-%s.json' % tag)
    if not (os.path.exists(o) and os.path.exists(p)):
        continue
    ours = dict(ours_cases(o))
    off = dict(official_cases(p))
    threads = tag.split('-t')[-1]
    for key in ours:
        if key not in off:
            continue
        a, b = ours[key], off[key]
        ratio_cpu = '%.2f' % (a['cpu'] / b['cpu']) if a['cpu'] and b['cpu'] else 'n/a'
        rows.append('| %s | %d | %s | %.0f (p90 %.0f) | %.0f (p90 %.0f) | **%.2f** | %.0f / %.0f | %s | %.0f / %.0f / %.0f | %s | %s |' % (
            key[0], key[1], threads, a['wall'], a['p90'], b['wall'], b['p90'], a['wall'] / b['wall'],
            a['cpu'] or 0, b['cpu'] or 0, ratio_cpu, a['backbone'], a['transformer'], a['heads'], a['load'], b['load']))
print('| model | batch | threads | ours forward ms | official forward ms | ratio wall | CPU ms ours / official | ratio CPU | ours backbone / transformer / heads ms | load ours | load official |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
print('\n'.join(rows))
old = os.path.join(out, 'old-body-b1-t2.json')
new = os.path.join(out, 'ours-body-b1-t2.json')
if os.path.exists(old) and os.path.exists(new):
    a = dict(ours_cases(new))[('body', 1)]
    b = dict(ours_cases(old))[('body', 1)]
    print('\nBefore/after optimisation (body, batch 1, 2 threads, back to back):')
    print('| build | forward | backbone | transformer | heads | load |\n|---|---|---|---|---|---|')
    for name, c in (('before', b), ('after', a)):
        print('| %s | %.0f | %.0f | %.0f | %.0f | %s |' % (name, c['wall'], c['backbone'], c['transformer'], c['heads'], c['load']))
    print('after/before forward: %.2f' % (a['wall'] / b['wall']))
