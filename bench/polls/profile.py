#!/usr/bin/env python3
"""Sums up a speedscope profile of the portal (bench/polls/run.sh --trace, dotnet-trace's thread-time
samples): where its threads spent CPU time (the samples whose pseudo-frame is CPU_TIME; those of
blocked threads and unmanaged waits are left out), by frame, inclusive and exclusive.

    python3 bench/polls/profile.py WORK/portal.speedscope.json [--top 40] [--match EParticipation]
"""
import json, sys, collections

path = sys.argv[1]
top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 40
match = sys.argv[sys.argv.index('--match') + 1] if '--match' in sys.argv else None
data = json.load(open(path))
frames = [f['name'] for f in data['shared']['frames']]
inclusive = collections.Counter()
exclusive = collections.Counter()
running = 0.0
for profile in data['profiles']:
    stack, last = [], None
    for e in profile['events']:
        t = e['at']
        if last is not None and stack and t > last:
            if frames[stack[-1]] == 'CPU_TIME':
                d = t - last
                running += d
                leaf = frames[stack[-2]] if len(stack) > 1 else '?'
                exclusive[leaf] += d
                for f in set(stack):
                    inclusive[frames[f]] += d
        last = t
        if e['type'] == 'O':
            stack.append(e['frame'])
        else:
            stack.pop()
print(f'running time sampled: {running / 1000:.1f} s')
print('\nexclusive (innermost frame):')
for name, t in exclusive.most_common(top):
    print(f'{100 * t / running:5.1f} %  {name[:160]}')
print('\ninclusive:')
for name, t in inclusive.most_common(top * 6):
    if match is None or match in name:
        print(f'{100 * t / running:5.1f} %  {name[:160]}')
