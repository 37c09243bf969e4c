# Builds a ~40 MB BenchmarkDotNet full report with 1,000 benchmarks from the 0.14.0 fixture (usage: python3 make-large-report.py OUT).
import json, sys
d = json.load(open('tests/PerfGate.Core.Tests/Fixtures/bdn-0.14.0/run1/BdnFixtures.ParserBenchmarks-report-full.json'))
src = d['Benchmarks'][0]
out = []
for i in range(1000):
    b = json.loads(json.dumps(src))
    b['Parameters'] = f"Count={i}&Separator=a b"
    b['DisplayInfo'] = b['DisplayInfo'].replace('Count=10,', f'Count={i},')
    b['FullName'] = b['FullName'].replace('Count: 10', f'Count: {i}')
    m = b['Measurements'] * 4
    b['Measurements'] = m[:len(m) * 9 // 16]
    out.append(b)
d['Benchmarks'] = out
open(sys.argv[1], 'w').write(json.dumps(d, indent=2))
