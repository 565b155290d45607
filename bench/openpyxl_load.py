"""Baseline for the benchmark: openpyxl merely loading every workbook of a batch.

Usage: /usr/bin/python3 bench/openpyxl_load.py DIR   (loads DIR/*.xlsx, prints a JSON line)
"""
import glob
import json
import os
import sys
import time

import openpyxl

t0 = time.perf_counter()
files = sorted(glob.glob(os.path.join(sys.argv[1], "*.xlsx")))
rows = 0
for f in files:
    wb = openpyxl.load_workbook(f)
    for ws in wb:
        for row in ws.iter_rows(values_only=True):
            rows += 1
print(json.dumps({"files": len(files), "rows": rows, "seconds": time.perf_counter() - t0}))
