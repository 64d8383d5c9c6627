"""Largest differences between two `metroscope infer` NPZs (CPU against GPU): python3 compare.py A.npz B.npz"""
import sys

import numpy as np

a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
for k in sorted(a.files):
    x, y = a[k].astype(np.float64), b[k].astype(np.float64)
    if x.shape != y.shape:
        print('%-20s shape %s vs %s' % (k, x.shape, y.shape))
        continue
    d = np.abs(x - y)
    print('%-20s %-18s max |a-b| %.3g  mean %.3g  (max |a| %.3g)' % (k, x.shape, d.max(), d.mean(), np.abs(x).max()))
